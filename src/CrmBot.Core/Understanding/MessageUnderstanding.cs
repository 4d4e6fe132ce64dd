using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Entities;

namespace CrmBot.Core.Understanding;

/// <summary>How one message was understood: intent with confidence, entities, sentiment.</summary>
public sealed record MessageUnderstanding(
    string Intent,
    double Confidence,
    IReadOnlyList<ScoredLabel> Alternatives,
    IReadOnlyList<Entity> Entities,
    string SentimentLabel,
    double SentimentScore)
{
    /// <summary>Intent given to empty messages, which are not classified.</summary>
    public const string Empty = "empty";

    /// <summary>Intent given to messages made only of emoji, which are answered by their sentiment.</summary>
    public const string EmojiOnly = "emoji_only";
}

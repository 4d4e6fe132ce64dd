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

    /// <summary>The message's sentence vector (unit length), for searches by meaning; null for empty messages.</summary>
    public float[]? Embedding { get; init; }

    /// <summary>For an out-of-scope message: intents it may have meant, to offer as "did you mean".</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];
}

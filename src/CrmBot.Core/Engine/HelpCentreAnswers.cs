using System.Text.RegularExpressions;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Plugins;
using CrmBot.Core.Understanding;
using CrmBot.Intelligence.Embeddings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CrmBot.Core.Conversations;
using CrmBot.Core.Messages;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Engine;

/// <summary>Answers from the help centre: for a message, for a short follow-up to the last answer, and as the bot says them. A DI singleton.</summary>
public sealed partial class HelpCentreAnswers(KnowledgeSearch knowledge, SentenceEmbedder embedder, IOptions<ConversationOptions> options)
{
    /// <summary>A help-centre answer as the bot says it: the summary, then the article it comes from.</summary>
    public static BotMessage Reply(KnowledgeAnswer answer) =>
        new($"{answer.Summary}\n\n(From our help centre: {answer.Title})", "knowledge:" + answer.Slug)
        {
            SuggestedActions = ["That helped, thanks", "Talk to a person"],
        };

    /// <summary>
    /// A short follow-up to a help-centre answer ("can I extend it?", "would I be charged in euro?", "how long does
    /// it take?") means little alone: read together with the question before it, it finds the article it is about.
    /// </summary>
    /// <remarks>The follow-up reading wins only where the message alone finds nothing, or something clearly weaker.</remarks>
    public async Task<KnowledgeAnswer?> FollowUpAsync(ConversationTurn turn, string text, KnowledgeAnswer alone, CancellationToken ct)
    {
        if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > FollowUpWords || !FollowUpCue().IsMatch(text))
        {
            return null;
        }
        var previous = await turn.Db.Interactions.AsNoTracking()
            .Where(i => i.ConversationId == turn.Conversation.Id && i.Direction == InteractionDirection.Inbound)
            .OrderByDescending(i => i.Id).Skip(1).Select(i => new { i.Text, i.Intent, i.HandledBy }).FirstOrDefaultAsync(ct);
        if (previous?.HandledBy is not { } handledBy || !handledBy.StartsWith("knowledge:", StringComparison.Ordinal))
        {
            return null;
        }
        var combined = previous.Text + " " + text;
        var answer = new KnowledgePlugin(knowledge, options.Value).Answer(combined, previous.Intent ?? "", embedder.Embed(combined));
        return answer.Found && (!alone.Found || answer.Score >= alone.Score + FollowUpMargin) ? answer : null;
    }

    private const double FollowUpMargin = 0.1;

    private const int FollowUpWords = 9;

    [GeneratedRegex(@"\b(?:it|its|it's|that|this|those|them|they|there|too|also|as well|and|what about|how about|instead|then)\b|^(?:how long|how much|would|will|do|does|can|could|is|are)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FollowUpCue();

    /// <summary>The best article for a message, by its words, its meaning and its intent.</summary>
    // The same function a model would call, so "is this article good enough" is decided in one place.
    public KnowledgeAnswer Find(string text, MessageUnderstanding understanding) =>
        new KnowledgePlugin(knowledge, options.Value).Answer(text, understanding.Intent, understanding.Embedding);
}

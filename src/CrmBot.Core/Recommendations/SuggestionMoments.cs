using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Turns;
using CrmBot.Intelligence.Sentiment;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// When the bot may put products in front of a customer. Never while they are unhappy, waiting for a person, or with
/// a complaint open, even if they ask ("your last headphones broke, recommend me better ones" is a complaint first).
/// Unasked, only as a verified customer who agreed to marketing closes a conversation that went well ("thanks, that's
/// sorted"), at most once per conversation and not after they saw suggestions in it.
/// </summary>
public static class SuggestionMoments
{
    /// <summary>The messages that close a conversation.</summary>
    public static readonly IReadOnlySet<string> ClosingIntents = new HashSet<string>(StringComparer.Ordinal) { "thanks", "goodbye" };

    /// <summary>Intents that make a conversation a complaint: no selling in it.</summary>
    public static readonly IReadOnlySet<string> ComplaintIntents = new HashSet<string>(StringComparer.Ordinal) { "complaint" };

    /// <summary>Below this rolling sentiment a conversation is an unhappy one, whatever its last message says.</summary>
    public const double UnhappyConversation = -0.2;

    /// <summary>What the decisions look at, read by <see cref="FactsAsync"/>.</summary>
    public sealed record Facts(
        string? Intent, string? SentimentLabel, double ConversationSentiment, bool Verified, bool MarketingConsent,
        bool Escalated, bool ComplainedHere, bool OpenEscalation, bool SuggestionsShownHere);

    /// <summary>Why no suggestion is shown; <see cref="None"/> when it may be.</summary>
    public enum Blocker { None, NotClosing, NotVerified, NoMarketingConsent, Escalated, Unhappy, Complaint, OpenEscalation, AlreadyShown }

    /// <summary>Whether suggestions the customer asked for may be shown.</summary>
    public static Blocker WhenAsked(Facts facts) => facts switch
    {
        { Escalated: true } => Blocker.Escalated,
        { SentimentLabel: SentimentAnalyzer.Negative or SentimentAnalyzer.Angry } => Blocker.Unhappy,
        { ConversationSentiment: < UnhappyConversation } => Blocker.Unhappy,
        { ComplainedHere: true } => Blocker.Complaint,
        { OpenEscalation: true } => Blocker.OpenEscalation,
        _ => Blocker.None,
    };

    /// <summary>Whether the bot may offer products nobody asked for, as the conversation closes.</summary>
    public static Blocker Unasked(Facts facts, double minConversationSentiment)
    {
        if (facts.Intent is null || !ClosingIntents.Contains(facts.Intent))
        {
            return Blocker.NotClosing;
        }
        if (!facts.Verified)
        {
            return Blocker.NotVerified;
        }
        if (!facts.MarketingConsent)
        {
            return Blocker.NoMarketingConsent;
        }
        if (WhenAsked(facts) is not Blocker.None and var blocker)
        {
            return blocker;
        }
        if (facts.ConversationSentiment < minConversationSentiment)
        {
            return Blocker.Unhappy;
        }
        return facts.SuggestionsShownHere ? Blocker.AlreadyShown : Blocker.None;
    }

    /// <summary>Reads the facts for this turn from the turn and the store.</summary>
    public static async Task<Facts> FactsAsync(ICustomerTurn turn, CancellationToken ct)
    {
        var db = turn.Db;
        var customerId = turn.Customer?.Id;
        var complaints = ComplaintIntents.ToList();
        return new Facts(turn.Intent, turn.SentimentLabel, turn.ConversationSentiment, customerId is not null,
            turn.Customer?.MarketingConsent == true, turn.IsEscalated,
            ComplainedHere: await db.Interactions.AnyAsync(i => i.ConversationId == turn.ConversationId && i.Author == InteractionAuthor.Customer
                && i.Intent != null && complaints.Contains(i.Intent), ct),
            OpenEscalation: customerId is { } id
                ? await db.Escalations.AnyAsync(e => e.CustomerId == id && Escalation.OpenStatuses.Contains(e.Status), ct)
                : await db.Escalations.AnyAsync(e => e.ConversationId == turn.ConversationId && Escalation.OpenStatuses.Contains(e.Status), ct),
            SuggestionsShownHere: await db.RecommendationEvents.AnyAsync(e => e.ConversationId == turn.ConversationId, ct));
    }
}

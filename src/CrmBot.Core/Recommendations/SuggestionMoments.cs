using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Turns;
using CrmBot.Intelligence.Sentiment;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// When the bot may put products in front of a customer. Never while they are unhappy, waiting for a person, or
/// complaining in this conversation, even if they ask ("your last headphones broke, recommend me better ones" is a
/// complaint first). Unasked, only as a verified customer who agreed to marketing and has nothing open with the team
/// closes a conversation that went well ("thanks, that's sorted"), at most once per conversation and not after they
/// saw suggestions in it.
/// </summary>
public static class SuggestionMoments
{
    /// <summary>The messages that close a conversation.</summary>
    public static readonly IReadOnlySet<string> ClosingIntents = new HashSet<string>(StringComparer.Ordinal) { "thanks", "goodbye" };

    /// <summary>
    /// At or below this score (of the message, or the conversation's rolling one) a customer asking for suggestions is
    /// unhappy. Lower than the "negative" label's edge on purpose: the sentiment model reads some plain requests ("something
    /// to go with my drone, any ideas?") as mildly negative, and refusing those would be worse than the rule is worth.
    /// </summary>
    public const double UnhappyScore = -0.5;

    /// <summary>What the decisions look at, read from the turn and the store.</summary>
    public sealed record Facts(
        string? Intent, string? SentimentLabel, double? MessageSentiment, double ConversationSentiment, bool Verified, bool MarketingConsent,
        bool Escalated, bool ComplainedHere, bool OpenEscalation, bool SuggestionsShownHere);

    /// <summary>Why no suggestion is shown; <see cref="None"/> when it may be.</summary>
    public enum Blocker { None, NotClosing, NotVerified, NoMarketingConsent, Escalated, Unhappy, Complaint, OpenEscalation, AlreadyShown }

    /// <summary>
    /// Whether suggestions the customer asked for may be shown: judged on this conversation alone, so a ticket open
    /// elsewhere (a refund the team is checking) does not stop the bot helping someone who asks what to buy.
    /// </summary>
    public static Blocker WhenAsked(Facts facts) => facts switch
    {
        { Escalated: true } => Blocker.Escalated,
        { SentimentLabel: SentimentAnalyzer.Angry } => Blocker.Unhappy,
        { MessageSentiment: <= UnhappyScore } => Blocker.Unhappy,
        { ConversationSentiment: <= UnhappyScore } => Blocker.Unhappy,
        { ComplainedHere: true } => Blocker.Complaint,
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
        if (facts.OpenEscalation)
        {
            return Blocker.OpenEscalation;
        }
        if (facts.SentimentLabel is SentimentAnalyzer.Negative || facts.ConversationSentiment < minConversationSentiment)
        {
            return Blocker.Unhappy;
        }
        return facts.SuggestionsShownHere ? Blocker.AlreadyShown : Blocker.None;
    }

    /// <summary>Whether this turn may show suggestions the customer asked for; asks the store only what that rule reads.</summary>
    public static async Task<Blocker> WhenAskedAsync(ICustomerTurn turn, CancellationToken ct) =>
        WhenAsked(await FactsAsync(turn, unasked: false, ct));

    /// <summary>Whether this turn may end with an unasked offer.</summary>
    public static async Task<Blocker> UnaskedAsync(ICustomerTurn turn, double minConversationSentiment, CancellationToken ct) =>
        Unasked(await FactsAsync(turn, unasked: true, ct), minConversationSentiment);

    /// <summary>
    /// Reads the facts for this turn from the turn and the store. Tickets elsewhere and earlier suggestions only matter
    /// to the unasked offer, so a request for suggestions does not query them.
    /// </summary>
    private static async Task<Facts> FactsAsync(ICustomerTurn turn, bool unasked, CancellationToken ct)
    {
        var db = turn.Db;
        var customerId = turn.Customer?.Id;
        return new Facts(turn.Intent, turn.SentimentLabel, turn.Sentiment, turn.ConversationSentiment, customerId is not null,
            turn.Customer?.MarketingConsent == true, turn.IsEscalated,
            ComplainedHere: await db.Interactions.AnyAsync(i => i.ConversationId == turn.ConversationId && i.Author == InteractionAuthor.Customer
                && i.Intent == EscalationPolicy.ComplaintIntent, ct),
            OpenEscalation: unasked && customerId is { } id
                && await db.Escalations.AnyAsync(e => e.CustomerId == id && Escalation.OpenStatuses.Contains(e.Status), ct),
            SuggestionsShownHere: unasked && await db.RecommendationEvents.AnyAsync(e => e.ConversationId == turn.ConversationId, ct));
    }
}

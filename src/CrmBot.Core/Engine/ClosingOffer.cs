using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Understanding;
using CrmBot.Intelligence.Sentiment;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Engine;

/// <summary>
/// Whether the bot may offer products nobody asked for: only as the customer closes a conversation that went well
/// ("thanks, that's sorted"), to a verified customer who agreed to marketing, and never to someone unhappy, waiting for a
/// person, or with a complaint open; at most once per conversation, and not after they have seen suggestions in it.
/// </summary>
public static class ClosingOffer
{
    /// <summary>The messages that close a conversation.</summary>
    public static readonly IReadOnlySet<string> ClosingIntents = new HashSet<string>(StringComparer.Ordinal) { "thanks", "goodbye" };

    /// <summary>Intents that make a conversation a complaint: no selling in it.</summary>
    public static readonly IReadOnlySet<string> ComplaintIntents = new HashSet<string>(StringComparer.Ordinal) { "complaint" };

    /// <summary>What the decision looks at, read from the store by <see cref="FactsAsync"/>.</summary>
    public sealed record Facts(
        string Intent, string SentimentLabel, double ConversationSentiment, bool Verified, bool MarketingConsent,
        bool Escalated, bool ComplainedHere, bool OpenEscalation, bool SuggestionsShownHere);

    /// <summary>Why no offer is made; <see cref="None"/> when one is due.</summary>
    public enum Blocker { None, NotClosing, NotVerified, NoMarketingConsent, Escalated, Unhappy, Complaint, OpenEscalation, AlreadyShown }

    public static Blocker Decide(Facts facts, double minConversationSentiment) => facts switch
    {
        { Intent: var intent } when !ClosingIntents.Contains(intent) => Blocker.NotClosing,
        { Verified: false } => Blocker.NotVerified,
        { MarketingConsent: false } => Blocker.NoMarketingConsent,
        { Escalated: true } => Blocker.Escalated,
        { SentimentLabel: SentimentAnalyzer.Negative or SentimentAnalyzer.Angry } => Blocker.Unhappy,
        { ConversationSentiment: var s } when s < minConversationSentiment => Blocker.Unhappy,
        { ComplainedHere: true } => Blocker.Complaint,
        { OpenEscalation: true } => Blocker.OpenEscalation,
        { SuggestionsShownHere: true } => Blocker.AlreadyShown,
        _ => Blocker.None,
    };

    /// <summary>Reads the facts for this turn; the store is asked only when the cheap checks pass.</summary>
    public static async Task<Facts> FactsAsync(ConversationTurn turn, MessageUnderstanding understanding, CancellationToken ct)
    {
        var conversation = turn.Conversation;
        var customer = turn.Customer;
        var facts = new Facts(understanding.Intent, understanding.SentimentLabel, conversation.Sentiment, customer is not null,
            customer?.MarketingConsent == true, conversation.Status == ConversationStatus.Escalated || conversation.Owner != ConversationOwner.Bot,
            ComplainedHere: false, OpenEscalation: false, SuggestionsShownHere: false);
        if (customer is null || !ClosingIntents.Contains(facts.Intent) || facts.Escalated || !facts.MarketingConsent)
        {
            return facts;
        }
        var db = turn.Db;
        var complaints = ComplaintIntents.ToList();
        return facts with
        {
            ComplainedHere = await db.Interactions.AnyAsync(i => i.ConversationId == conversation.Id && i.Author == InteractionAuthor.Customer
                && i.Intent != null && complaints.Contains(i.Intent), ct),
            OpenEscalation = await db.Escalations.AnyAsync(e => e.CustomerId == customer.Id && Escalation.OpenStatuses.Contains(e.Status), ct),
            SuggestionsShownHere = await db.RecommendationEvents.AnyAsync(e => e.ConversationId == conversation.Id, ct),
        };
    }
}

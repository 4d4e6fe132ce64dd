using Bogus;
using CrmBot.Core.Conversations;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Intelligence.Sentiment;
using CrmBot.Core.Engine;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Seeding.History;

/// <summary>
/// What every simulated conversation of one history run shares: the words, the shop, the bot's and the team's side,
/// the settings, and the references already given out. Used by one run at a time, from one thread.
/// </summary>
internal sealed class HistoryWorld(
    HistoryPhrasesFile phrases,
    DialogCatalog dialogs,
    ShopSnapshot shop,
    HistoryResponder responder,
    HandoffPlanner handoff,
    EscalationPolicy policy,
    EscalationOptions escalation,
    ConversationOptions conversation,
    TurnResponder welcome,
    SystemReplies replies,
    TimeZoneInfo zone,
    DateTimeOffset horizon)
{
    private const string ReferenceAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly HashSet<string> references = new(StringComparer.Ordinal);

    public HistoryPhrasesFile Phrases { get; } = phrases;
    public DialogCatalog Dialogs { get; } = dialogs;
    /// <summary>What the system says (hand-off notices, the team's hours), the same texts the live bot uses.</summary>
    public SystemReplies Replies { get; } = replies;
    public OpeningHours Hours { get; } = new(escalation.OpeningHours, zone);
    public ShopSnapshot Shop { get; } = shop;
    public HistoryResponder Responder { get; } = responder;
    public HandoffPlanner Handoff { get; } = handoff;
    public EscalationPolicy Policy { get; } = policy;
    public EscalationOptions Escalation { get; } = escalation;
    public ConversationOptions Conversation { get; } = conversation;
    public TurnResponder Welcome { get; } = welcome;
    public ConversationSentiment Rolling { get; } = new(conversation.SentimentWindow);

    /// <summary>The shop's time zone: what time of day it was for the customer.</summary>
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>Nothing in the history happens at or after this moment (the start of the seeding day).</summary>
    public DateTimeOffset Horizon { get; } = horizon;

    /// <summary>A reference like the live ones (ESC- and six letters or digits), drawn from the conversation's sequence and never repeated.</summary>
    public string NewReference(Randomizer random)
    {
        while (true)
        {
            var reference = "ESC-" + new string(Enumerable.Range(0, 6).Select(_ => ReferenceAlphabet[random.Number(0, ReferenceAlphabet.Length - 1)]).ToArray());
            if (references.Add(reference)) return reference;
        }
    }
}

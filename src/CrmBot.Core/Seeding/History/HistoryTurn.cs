using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;

namespace CrmBot.Core.Seeding.History;

/// <summary>
/// What <see cref="HistoryResponder"/> knows of a past conversation when a message arrives: the conversation row and
/// its dialog state, the customer, the time, and how to escalate or record a rating. The history's counterpart of
/// <see cref="ConversationTurn"/>, without a store behind it.
/// </summary>
internal sealed class HistoryTurn(
    Conversation conversation,
    Customer? customer,
    Func<EscalationReason, string, string?, string, string> escalate,
    Action<Escalation, int> rate)
{
    public Conversation Conversation { get; } = conversation;
    public Customer? Customer { get; } = customer;
    public DialogState State { get; set; } = new();
    public DateTimeOffset Now { get; set; }
    public IDialogFunctions Functions { get; set; } = null!;

    /// <summary>The escalation whose 1–5 rating the customer's next message may be.</summary>
    public Escalation? RatingFor { get; set; }

    /// <summary>Queue and reference of the escalation the customer is waiting on, for the bot's "you're in the queue".</summary>
    public string OpenQueue { get; set; } = "";
    public string OpenReference { get; set; } = "";

    public bool EscalatedThisTurn { get; set; }

    /// <summary>Hands the conversation to a person; returns what the customer is told (reference and what happens next).</summary>
    public string Escalate(EscalationReason reason, string detail, string? intent, string queue) => escalate(reason, detail, intent, queue);

    public void Rate(Escalation escalation, int rating) => rate(escalation, rating);
}

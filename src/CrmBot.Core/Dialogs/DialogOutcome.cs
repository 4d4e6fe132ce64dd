using CrmBot.Core.Messages;

namespace CrmBot.Core.Dialogs;

public sealed class DialogOutcome
{
    public List<BotMessage> Messages { get; } = [];
    /// <summary>The customer could not give a slot's value within its attempts; the dialog was abandoned.</summary>
    public bool SlotFailed { get; set; }
    /// <summary>The customer called off what the dialog asked for ("leave it"); not a failure.</summary>
    public bool CalledOff { get; set; }
    /// <summary>Set when an escalate step ran.</summary>
    public string? EscalationReference { get; set; }
    /// <summary>The dialog that produced the last message, for the interaction's HandledBy.</summary>
    public string? HandledBy { get; set; }
}

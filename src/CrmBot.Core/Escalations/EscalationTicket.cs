namespace CrmBot.Core.Escalations;

/// <summary>What the customer is told after an escalation: the reference and what happens next.</summary>
public sealed record EscalationTicket(string Reference, string Queue, int Priority, string Message);

using System.ComponentModel;
using CrmBot.Core.Turns;
using CrmBot.Core.Escalations;
using Microsoft.SemanticKernel;

namespace CrmBot.Core.Plugins;

/// <summary>Handing the conversation to a person.</summary>
public sealed class EscalationPlugin(ICustomerTurn turn, EscalationService escalations)
{
    [KernelFunction("escalate"), Description("Hands the conversation to a human agent in a skill queue and returns the reference the customer is given.")]
    public async Task<EscalationTicket> EscalateAsync(
        [Description("Skill queue: orders, billing, returns, technical, accounts or general")] string queue,
        [Description("Why, in a sentence for the agent; no personal data")] string reason,
        [Description("The intent being handled")] string intent = "",
        CancellationToken ct = default)
    {
        var kind = intent == "contact_human_agent" ? EscalationReason.CustomerRequest : EscalationReason.PolicyIntent;
        return await escalations.EscalateAsync(turn, kind, reason, string.IsNullOrEmpty(intent) ? null : intent, queue, ct);
    }
}

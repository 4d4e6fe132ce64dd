using System.Security.Claims;
using CrmBot.Core.Handoff;
using CrmBot.Core.Storage;
using CrmBot.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CrmBot.Handoff;

/// <summary>
/// Live updates for agent consoles (server to client only; every action is a plain HTTP call, so it is checked,
/// stored and testable in one place). Each connection joins the all-agents group and its own agent's group.
/// </summary>
[Authorize(Policy = StaffPolicies.Agent)]
public sealed class AgentHub(CrmDbContext db) : Hub
{
    public const string Path = "/hubs/agent";
    public const string AllAgents = "agents";

    public static string AgentGroup(int agentId) => "agent:" + agentId;

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, AllAgents);
        var userId = Context.User?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null && await AgentDesk.FindAgentAsync(db, userId, Context.ConnectionAborted) is { } agent)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroup(agent.Id));
        }
        await base.OnConnectedAsync();
    }
}

/// <summary>The consoles' side of <see cref="IHandoffNotifier"/>: events over SignalR, named as the console listens for them.</summary>
public sealed class SignalRHandoffNotifier(IHubContext<AgentHub> hub, IEnumerable<IAgentAlert> alerts) : IHandoffNotifier
{
    public Task QueueChangedAsync(CancellationToken ct) =>
        hub.Clients.Group(AgentHub.AllAgents).SendAsync("queueChanged", ct);

    public Task EscalationChangedAsync(EscalationSummary summary, CancellationToken ct) =>
        hub.Clients.Group(AgentHub.AllAgents).SendAsync("escalationChanged", summary, ct);

    public async Task EscalationCreatedAsync(EscalationSummary summary, CancellationToken ct)
    {
        await QueueChangedAsync(ct);
        foreach (var alert in alerts)
        {
            await alert.EscalationCreatedAsync(summary, ct);
        }
    }

    public Task MessageAsync(int escalationId, int? agentId, TranscriptMessage message, CancellationToken ct) =>
        Audience(agentId).SendAsync("message", escalationId, message, ct);

    public Task CustomerTypingAsync(int escalationId, int? agentId, CancellationToken ct) =>
        Audience(agentId).SendAsync("typing", escalationId, ct);

    // While an escalation waits anyone who might take it may be looking at it; once it has an agent, only they see it live.
    private IClientProxy Audience(int? agentId) =>
        agentId is { } id ? hub.Clients.Group(AgentHub.AgentGroup(id)) : hub.Clients.Group(AgentHub.AllAgents);
}

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

/// <summary>
/// The consoles' side of <see cref="IHandoffNotifier"/>: events over SignalR, named as the console listens for them.
/// An event about an escalation goes only to agents the agent API would let open it (<see cref="AgentDesk.ViewersAsync"/>);
/// "the queue changed" carries nothing, so it goes to every console, which refetches what it may see.
/// </summary>
public sealed class SignalRHandoffNotifier(IHubContext<AgentHub> hub, IServiceScopeFactory scopes, AgentDesk desk, IEnumerable<IAgentAlert> alerts) : IHandoffNotifier
{
    public Task QueueChangedAsync(CancellationToken ct) =>
        hub.Clients.Group(AgentHub.AllAgents).SendAsync("queueChanged", ct);

    public async Task EscalationChangedAsync(EscalationSummary summary, CancellationToken ct) =>
        await (await ViewersAsync(summary.Id, ct)).SendAsync("escalationChanged", summary, ct);

    public async Task EscalationCreatedAsync(EscalationSummary summary, CancellationToken ct)
    {
        await QueueChangedAsync(ct);
        foreach (var alert in alerts)
        {
            await alert.EscalationCreatedAsync(summary, ct);
        }
    }

    public async Task MessageAsync(int escalationId, int? agentId, TranscriptMessage message, CancellationToken ct) =>
        await (await AudienceAsync(escalationId, agentId, ct)).SendAsync("message", escalationId, message, ct);

    public async Task CustomerTypingAsync(int escalationId, int? agentId, CancellationToken ct) =>
        await (await AudienceAsync(escalationId, agentId, ct)).SendAsync("typing", escalationId, ct);

    // Once an escalation has an agent, only they see it live; while it waits, everyone who may open it.
    private async Task<IClientProxy> AudienceAsync(int escalationId, int? agentId, CancellationToken ct) =>
        agentId is { } id ? hub.Clients.Group(AgentHub.AgentGroup(id)) : await ViewersAsync(escalationId, ct);

    private async Task<IClientProxy> ViewersAsync(int escalationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var viewers = await desk.ViewersAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), escalationId, ct);
        return hub.Clients.Groups(viewers.Select(AgentHub.AgentGroup).ToList());
    }
}

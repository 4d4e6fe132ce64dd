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

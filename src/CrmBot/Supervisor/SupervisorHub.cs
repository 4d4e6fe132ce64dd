using CrmBot.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CrmBot.Supervisor;

/// <summary>
/// Live updates for the supervisor's live view (server to client only; actions are plain HTTP calls, checked and
/// stored in one place). Every connection joins the supervisors' group; supervisors see every conversation.
/// </summary>
[Authorize(Policy = StaffPolicies.Supervisor)]
public sealed class SupervisorHub : Hub
{
    public const string Path = "/hubs/supervisor";
    public const string Supervisors = "supervisors";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Supervisors);
        await base.OnConnectedAsync();
    }
}

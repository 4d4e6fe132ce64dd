using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Events;
using CrmBot.Core.Handoff;
using CrmBot.Core.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Handoff;

/// <summary>
/// Somewhere outside the console to tell about new escalations (a Teams channel). Must return quickly: it runs after
/// the customer's turn is saved, so slow sends belong on a queue of the alert's own.
/// </summary>
public interface IAgentAlert
{
    ValueTask EscalationCreatedAsync(EscalationSummary summary, CancellationToken ct);
}

/// <summary>
/// The agent consoles' side of the conversation events, over SignalR, named as the console listens for them:
/// "message" (a transcript line of an escalated conversation), "typing", "escalationChanged" (an agent accepted,
/// handed back or resolved) and "queueChanged" (which carries nothing, so it goes to every console, and each refetches
/// what it may see). Anything about one escalation goes only to agents the agent API would let open it
/// (<see cref="AgentDesk.ViewersAsync"/>): its agent once it has one, everyone who may take it while it waits.
/// </summary>
public sealed class AgentConsoleEvents(IHubContext<AgentHub> hub, IServiceScopeFactory scopes, AgentDesk desk, IEnumerable<IAgentAlert> alerts)
    : IConversationEventHandler
{
    private static readonly EscalationEventKind[] AgentActions = [EscalationEventKind.Accepted, EscalationEventKind.HandedBack, EscalationEventKind.Resolved];

    public async Task HandleAsync(IReadOnlyList<ConversationEvent> events, CancellationToken ct)
    {
        var changes = events.OfType<EscalationChanged>().ToList();
        var messages = events.OfType<MessageStored>()
            // Only escalated conversations are on a console; a hand-back or resolution says goodbye in the same save.
            .Where(m => m.Conversation is null or { Status: ConversationStatus.Escalated } || changes.Any(c => c.ConversationId == m.ConversationId))
            .ToList();
        if (messages.Count == 0 && changes.Count == 0 && !events.OfType<CustomerTyping>().Any())
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        foreach (var byConversation in messages.GroupBy(m => m.ConversationId))
        {
            var change = changes.LastOrDefault(c => c.ConversationId == byConversation.Key);
            var holder = change is not null ? new { Id = change.EscalationId, change.AgentId }
                : await db.Escalations.AsNoTracking()
                    .Where(e => e.ConversationId == byConversation.Key && Escalation.OpenStatuses.Contains(e.Status))
                    .Select(e => new { e.Id, e.AgentId }).FirstOrDefaultAsync(ct);
            if (holder is null)
            {
                continue;
            }
            var audience = await AudienceAsync(db, holder.Id, holder.AgentId, ct);
            foreach (var message in await AgentDesk.MessagesAsync(db, byConversation.Select(m => m.InteractionId).ToList(), ct))
            {
                await audience.SendAsync("message", holder.Id, message, ct);
            }
        }
        foreach (var typing in events.OfType<CustomerTyping>())
        {
            await (await AudienceAsync(db, typing.EscalationId, typing.AgentId, ct)).SendAsync("typing", typing.EscalationId, ct);
        }
        foreach (var change in changes.Where(c => c.Kind == EscalationEventKind.Created || AgentActions.Contains(c.Kind)))
        {
            if (await desk.SummaryAsync(db, change.EscalationId, ct) is not { } summary)
            {
                continue;
            }
            if (change.Kind == EscalationEventKind.Created)
            {
                foreach (var alert in alerts)
                {
                    await alert.EscalationCreatedAsync(summary, ct);
                }
            }
            else
            {
                await (await ViewersAsync(db, change.EscalationId, ct)).SendAsync("escalationChanged", summary, ct);
            }
        }
        if (changes.Count > 0)
        {
            await hub.Clients.Group(AgentHub.AllAgents).SendAsync("queueChanged", ct);
        }
    }

    private async Task<IClientProxy> AudienceAsync(CrmDbContext db, int escalationId, int? agentId, CancellationToken ct) =>
        agentId is { } id ? hub.Clients.Group(AgentHub.AgentGroup(id)) : await ViewersAsync(db, escalationId, ct);

    private async Task<IClientProxy> ViewersAsync(CrmDbContext db, int escalationId, CancellationToken ct) =>
        hub.Clients.Groups((await desk.ViewersAsync(db, escalationId, ct)).Select(AgentHub.AgentGroup).ToList());
}

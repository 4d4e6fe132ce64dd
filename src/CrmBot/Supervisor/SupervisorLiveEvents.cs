using CrmBot.Core.Conversations;
using CrmBot.Core.Events;
using CrmBot.Core.Storage;
using CrmBot.Core.Supervision;
using Microsoft.AspNetCore.SignalR;

namespace CrmBot.Supervisor;

/// <summary>
/// The supervisors' side of the conversation events: applies the alert rule to the customer messages of a save (the
/// alerts are stored whether or not anyone watches), then tells the live views over SignalR, named as the page listens:
/// "conversation" (a row as it stands now, after any message or escalation change; inactive rows tell the page to drop
/// them), "alert" (raised) and "alertCleared" (the conversation recovered). Typing is not the supervisors' business.
/// </summary>
public sealed class SupervisorLiveEvents(IHubContext<SupervisorHub> hub, IServiceScopeFactory scopes, SentimentWatch watch, LiveConversations live)
    : IConversationEventHandler
{
    public async Task HandleAsync(IReadOnlyList<ConversationEvent> events, CancellationToken ct)
    {
        var touched = events.Where(e => e is MessageStored or EscalationChanged or ConversationEnded).Select(e => e.ConversationId).Distinct().ToList();
        if (touched.Count == 0)
        {
            return;
        }
        var customerMessages = events.OfType<MessageStored>()
            .Where(m => m.Author == InteractionAuthor.Customer && m.Sentiment is not null)
            .Select(m => (m.ConversationId, m.InteractionId)).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var alerts = await watch.CheckAsync(db, customerMessages, ct);
        var supervisors = hub.Clients.Group(SupervisorHub.Supervisors);
        foreach (var row in await live.RowsAsync(db, touched, ct))
        {
            await supervisors.SendAsync("conversation", row, live.IsActive(row), ct);
        }
        if (alerts.Raised.Count > 0)
        {
            foreach (var alert in await live.AlertsAsync(db, alerts.Raised.Select(a => a.Id).ToList(), ct))
            {
                await supervisors.SendAsync("alert", alert, ct);
            }
        }
        foreach (var conversationId in alerts.Cleared)
        {
            await supervisors.SendAsync("alertCleared", conversationId, ct);
        }
    }
}

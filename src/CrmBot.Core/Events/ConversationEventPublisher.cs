using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmBot.Core.Events;

/// <summary>
/// Turns what a save committed into <see cref="ConversationEvent"/>s and hands them to every handler, so no writer
/// (the engine, the hand-off, the router) has to remember to tell anyone. A handler that fails is logged and skipped:
/// the change is stored, and a console that missed it reloads from the store.
/// </summary>
public sealed class ConversationEventPublisher(IEnumerable<IConversationEventHandler> handlers, ILogger<ConversationEventPublisher> logger)
    : IStoreChangeObserver
{
    private readonly IConversationEventHandler[] _handlers = handlers.ToArray();

    public Func<CancellationToken, Task>? Collect(CrmDbContext db)
    {
        if (_handlers.Length == 0)
        {
            return null;
        }
        var messages = new List<Interaction>();
        var trail = new List<(Escalation Escalation, EscalationEvent Row)>();
        var ended = new List<Conversation>();
        var conversations = new Dictionary<Guid, Conversation>();
        var escalations = new List<Escalation>();
        var added = new HashSet<EscalationEvent>(ReferenceEqualityComparer.Instance);
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                // Answered (HandledBy set) for the first time: the engine's write-ahead copy of a message waits for its turn's end.
                case Interaction { HandledBy: not null } i when entry.State == EntityState.Added
                    || (entry.State == EntityState.Modified && entry.Property(nameof(Interaction.HandledBy)).OriginalValue is null):
                    messages.Add(i);
                    break;
                case Conversation c:
                    conversations[c.Id] = c;
                    if (entry.State == EntityState.Modified && c.Status == ConversationStatus.Closed
                        && entry.Property(nameof(Conversation.Status)).OriginalValue is not ConversationStatus.Closed)
                    {
                        ended.Add(c);
                    }
                    break;
                case Escalation e:
                    escalations.Add(e);
                    break;
                case EscalationEvent row when entry.State == EntityState.Added:
                    added.Add(row);
                    break;
            }
        }
        foreach (var escalation in escalations)
        {
            trail.AddRange(escalation.Events.Where(added.Contains).Select(row => (escalation, row)));
        }
        if (messages.Count == 0 && trail.Count == 0 && ended.Count == 0)
        {
            return null;
        }
        // Read after the save: new rows have their ids only then.
        return ct => PublishAsync(Events(messages, trail, ended, conversations), ct);
    }

    /// <summary>Hands events to every handler; for events with nothing stored behind them (typing).</summary>
    public async Task PublishAsync(IReadOnlyList<ConversationEvent> events, CancellationToken ct)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.HandleAsync(events, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{Handler} failed on {Count} conversation events", handler.GetType().Name, events.Count);
            }
        }
    }

    private static List<ConversationEvent> Events(List<Interaction> messages, List<(Escalation Escalation, EscalationEvent Row)> trail,
        List<Conversation> ended, Dictionary<Guid, Conversation> conversations)
    {
        var events = new List<ConversationEvent>(messages.Count + trail.Count + ended.Count);
        foreach (var i in messages.OrderBy(i => i.Id))
        {
            var conversation = i.Conversation ?? conversations.GetValueOrDefault(i.ConversationId);
            events.Add(new MessageStored(i.ConversationId, i.Timestamp, i.Id, i.Author, i.AgentId,
                i.Direction == InteractionDirection.Inbound ? i.Intent : null,
                i.Direction == InteractionDirection.Inbound ? i.SentimentScore : null,
                conversation is null ? null : ConversationState.Of(conversation)));
        }
        foreach (var (escalation, row) in trail.OrderBy(t => t.Row.Id))
        {
            events.Add(new EscalationChanged(escalation.ConversationId, row.At, escalation.Id, row.Kind, escalation.Status, escalation.AgentId, escalation.Queue));
        }
        foreach (var conversation in ended)
        {
            events.Add(new ConversationEnded(conversation.Id, conversation.LastActivityAt, ConversationState.Of(conversation)));
        }
        return events;
    }
}

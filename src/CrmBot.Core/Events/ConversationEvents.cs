using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;

namespace CrmBot.Core.Events;

/// <summary>
/// Something that happened in a conversation, told to the back office (agent consoles, supervisors, Teams alerts) after
/// it was committed to the store. Events carry ids and the figures a live view shows; anything more is read from the store.
/// </summary>
public abstract record ConversationEvent(Guid ConversationId, DateTimeOffset At);

/// <summary>The conversation as it stands after the save that raised an event.</summary>
public sealed record ConversationState(
    string Channel, int? CustomerId, ConversationStatus Status, ConversationOwner Owner, string? Topic, double Sentiment,
    DateTimeOffset StartedAt, DateTimeOffset LastActivityAt)
{
    public static ConversationState Of(Conversation c) =>
        new(c.Channel, c.CustomerId, c.Status, c.Owner, c.Topic, c.Sentiment, c.StartedAt, c.LastActivityAt);
}

/// <summary>
/// A message is in the store, answered: a customer's with its intent and sentiment once the turn is done (the
/// write-ahead copy is not an event), or one from the bot, an agent or the system. <see cref="Conversation"/> is null
/// when the save did not hold the conversation.
/// </summary>
public sealed record MessageStored(
    Guid ConversationId, DateTimeOffset At, long InteractionId, InteractionAuthor Author, int? AgentId,
    string? Intent, double? Sentiment, ConversationState? Conversation) : ConversationEvent(ConversationId, At);

/// <summary>An escalation was created or moved on (a row of its trail was written).</summary>
public sealed record EscalationChanged(
    Guid ConversationId, DateTimeOffset At, int EscalationId, EscalationEventKind Kind, EscalationStatus Status, int? AgentId, string Queue)
    : ConversationEvent(ConversationId, At);

/// <summary>The conversation was closed.</summary>
public sealed record ConversationEnded(Guid ConversationId, DateTimeOffset At, ConversationState Conversation) : ConversationEvent(ConversationId, At);

/// <summary>The customer is typing in a conversation an escalation holds; nothing is stored for it.</summary>
public sealed record CustomerTyping(Guid ConversationId, DateTimeOffset At, int EscalationId, int? AgentId) : ConversationEvent(ConversationId, At);

/// <summary>Something in the host that wants conversation events: the agent console, the supervisor view, alerts.</summary>
public interface IConversationEventHandler
{
    /// <summary>The events of one save, in order: messages by id, then escalation changes, then endings.</summary>
    Task HandleAsync(IReadOnlyList<ConversationEvent> events, CancellationToken ct);
}

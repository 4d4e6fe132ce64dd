using CrmBot.Core.Understanding;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Engine;

/// <summary>What one customer message led to.</summary>
/// <param name="Duplicate">The message had been processed before; <see cref="Replies"/> are the stored ones.</param>
public sealed record TurnResult(Guid ConversationId, long InteractionId, IReadOnlyList<BotMessage> Replies, MessageUnderstanding? Understanding, string? EscalationReference, bool Duplicate = false);

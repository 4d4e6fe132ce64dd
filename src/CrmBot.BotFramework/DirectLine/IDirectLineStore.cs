namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Where Direct Line conversations and their activity logs live, so they survive a restart and the watermark (the
/// sequence number of the last activity a client has seen) keeps counting. Implementations must be safe to call
/// concurrently and must hand out each sequence number of a conversation exactly once, in commit order.
/// </summary>
public interface IDirectLineStore
{
    Task<StoredConversation?> FindConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Adds a conversation with no activities; false when one with this id exists already.</summary>
    Task<bool> TryAddConversationAsync(StoredConversation conversation, CancellationToken cancellationToken);

    /// <summary>Sets the conversation's user id when it has none yet; true when this call set it.</summary>
    Task<bool> TryClaimUserAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends activities, in order, with the conversation's next sequence numbers (1, 2, 3…), all in one transaction.
    /// An append whose <see cref="ActivityAppend.IdempotencyKey"/> the conversation already holds appends nothing and
    /// returns the earlier activity as a duplicate. An append with a <see cref="ActivityAppend.PendingTurnJson"/> also
    /// stores that turn in the <see cref="Builder.IActivityInbox"/>, in the same transaction; <paramref name="completesTurn"/>
    /// completes a pending turn in it too. <see cref="ActivityAppend.Create"/> receives the sequence number and builds the
    /// record; it may be called more than once if the store retries, so it must be safe to repeat. When it throws,
    /// nothing is appended.
    /// </summary>
    Task<IReadOnlyList<AppendedActivity>> AppendActivitiesAsync(string conversationId, IReadOnlyList<ActivityAppend> appends, long? completesTurn, CancellationToken cancellationToken);

    /// <summary>Activities with a sequence number greater than <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredActivity>> ListActivitiesAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// One activity to append: how to build it from its sequence number, what makes a repeat of it recognisable, and the
/// turn it starts. <see cref="MayRepeat"/> false says the key cannot be in the log yet (a reply of a turn's first run),
/// which saves looking it up; the unique key still refuses a repeat.
/// </summary>
public sealed record ActivityAppend(Func<long, StoredActivity> Create, string? IdempotencyKey = null, Func<StoredActivity, string>? PendingTurnJson = null, bool MayRepeat = true);

/// <summary>An appended (or, when <see cref="Duplicate"/>, an earlier identical) activity and the inbox row of the turn it started.</summary>
public sealed record AppendedActivity(StoredActivity Activity, bool Duplicate, long? PendingTurnId);

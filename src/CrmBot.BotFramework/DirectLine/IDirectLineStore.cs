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
    /// Appends an activity with the conversation's next sequence number (1, 2, 3…). <paramref name="create"/> receives
    /// that number and builds the record (the activity id and JSON depend on it); it may be called more than once if the
    /// store retries, so it must be safe to repeat. When it throws, nothing is appended.
    /// </summary>
    Task<StoredActivity> AppendActivityAsync(string conversationId, Func<long, StoredActivity> create, CancellationToken cancellationToken);

    /// <summary>Activities with a sequence number greater than <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredActivity>> ListActivitiesAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken);
}

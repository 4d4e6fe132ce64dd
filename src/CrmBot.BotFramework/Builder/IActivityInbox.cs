namespace CrmBot.BotFramework.Builder;

/// <summary>
/// Where accepted activities wait for their turn, so that an activity acknowledged to its channel is answered even
/// when the process dies before its turn has run. A row is written when the activity is accepted (for Direct Line in
/// the same transaction as the conversation log's copy), completed when its turn is done, and every row still pending
/// at start-up is run again. Implementations must be safe to call concurrently.
/// </summary>
public interface IActivityInbox
{
    /// <summary>
    /// Stores an activity of a Connector channel (Teams…) as a pending turn; null when this conversation already holds
    /// an activity with the same id, i.e. the channel redelivered it.
    /// </summary>
    Task<long?> TryAdmitAsync(string channelId, string conversationId, string activityId, string activityJson, CancellationToken cancellationToken);

    /// <summary>Marks the turn done and forgets the raw activity (it may hold personal data the log keeps only redacted).</summary>
    Task CompleteAsync(long pendingTurnId, CancellationToken cancellationToken);

    /// <summary>
    /// Every turn still pending, oldest first, each counted as one more attempt. Turns already tried
    /// <paramref name="maxAttempts"/> times are given up (completed without running) and not returned, so a message
    /// that crashes the process cannot do so forever.
    /// </summary>
    Task<PendingTurns> ResumeAsync(int maxAttempts, CancellationToken cancellationToken);

    /// <summary>
    /// Several instances: every pending turn whose owner is not alive (or has no owner), claimed for this instance,
    /// oldest first, each counted as one more attempt (given up after <paramref name="maxAttempts"/>, as in
    /// <see cref="ResumeAsync"/>). A claim is a compare-and-set on the owner, so two instances looking at once take
    /// each turn over once between them.
    /// </summary>
    Task<PendingTurns> TakeOverAsync(ITurnInstances instances, int maxAttempts, CancellationToken cancellationToken);
}

/// <summary>One accepted activity whose turn has not finished; <see cref="ActivityJson"/> is the activity as the bot receives it.</summary>
public sealed record PendingTurn(long Id, string ChannelId, string ConversationId, string ActivityJson);

/// <summary>What <see cref="IActivityInbox.ResumeAsync"/> found: the turns to run and how many were given up.</summary>
public sealed record PendingTurns(IReadOnlyList<PendingTurn> Turns, int GivenUp);

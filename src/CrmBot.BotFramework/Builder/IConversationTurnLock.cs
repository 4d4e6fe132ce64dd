namespace CrmBot.BotFramework.Builder;

/// <summary>
/// One turn at a time per conversation across the processes that share a store (a scale-out). Optional: a single
/// process orders a conversation's turns in memory (<see cref="TurnRunner"/>) and registers none. Thread-safe.
/// </summary>
public interface IConversationTurnLock
{
    /// <summary>
    /// Waits until this process holds the lock of <paramref name="conversationKey"/>. The lock is a lease, renewed while
    /// held; disposing it releases it.
    /// </summary>
    Task<IHeldTurnLock> AcquireAsync(string conversationKey, CancellationToken cancellationToken);
}

/// <summary>A held conversation lock.</summary>
public interface IHeldTurnLock : IAsyncDisposable
{
    /// <summary>Grows by one at every acquisition of any conversation lock: a later holder always has a larger token.</summary>
    long FencingToken { get; }

    /// <summary>
    /// Cancelled when the lease could not be renewed in time: another process may hold the conversation now, so the
    /// turn stops (it stays pending, like a turn that failed).
    /// </summary>
    CancellationToken Lost { get; }
}

using CrmBot.Core.Handoff;

namespace CrmBot.Handoff;

/// <summary>
/// The Teams alerts waiting to be sent. One process keeps them in memory (<see cref="InProcessTeamsAlertQueue"/>: lost
/// if it dies); several instances keep them in a Redis stream (<c>ScaleOut.RedisTeamsAlertQueue</c>: they survive a
/// crash and each is sent by one instance). Thread-safe.
/// </summary>
public interface ITeamsAlertQueue
{
    /// <summary>Queues the alert of a new escalation; never waits for the sending.</summary>
    ValueTask EnqueueAsync(EscalationSummary escalation, CancellationToken cancellationToken);

    /// <summary>The alerts to send, in order, until cancelled. Each is delivered again later unless completed.</summary>
    IAsyncEnumerable<QueuedAlert> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>The alert was sent (or given up after the Connector's retries): it leaves the queue.</summary>
    ValueTask CompleteAsync(QueuedAlert alert, CancellationToken cancellationToken);
}

/// <summary>An alert taken from the queue; <see cref="QueueId"/> is the queue's own handle on it (null in memory).</summary>
public sealed record QueuedAlert(EscalationSummary Escalation, string? QueueId);

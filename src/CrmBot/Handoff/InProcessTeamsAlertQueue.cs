using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CrmBot.Core.Handoff;
using Microsoft.Extensions.Options;

namespace CrmBot.Handoff;

/// <summary>
/// One process's Teams alerts, in memory: bounded (<see cref="TeamsAgentAlertOptions.QueueCapacity"/>, the oldest
/// dropped and logged when full) and lost if the process dies. Thread-safe: a <see cref="Channel{T}"/> with one reader.
/// </summary>
public sealed partial class InProcessTeamsAlertQueue : ITeamsAlertQueue
{
    private readonly Channel<EscalationSummary> queue;

    public InProcessTeamsAlertQueue(IOptions<TeamsAgentAlertOptions> options, ILogger<InProcessTeamsAlertQueue> logger)
    {
        var capacity = options.Value.QueueCapacity;
        queue = Channel.CreateBounded<EscalationSummary>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => LogDropped(logger, dropped.Reference, capacity));
    }

    public ValueTask EnqueueAsync(EscalationSummary escalation, CancellationToken cancellationToken)
    {
        // DropOldest always accepts the new item, so this never waits on the Connector or on a full queue.
        queue.Writer.TryWrite(escalation);
        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<QueuedAlert> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var escalation in queue.Reader.ReadAllAsync(cancellationToken))
        {
            yield return new QueuedAlert(escalation, null);
        }
    }

    public ValueTask CompleteAsync(QueuedAlert alert, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams alert queue is full ({Capacity}): dropped the alert for escalation {Reference}")]
    private static partial void LogDropped(ILogger logger, string reference, int capacity);
}

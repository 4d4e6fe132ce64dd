using System.Diagnostics.Metrics;
using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using CrmBot.Core.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Telemetry;

/// <summary>
/// How much work is waiting: escalations waiting per queue and active conversations, as observable gauges. A scrape
/// reads the counts last taken by <see cref="RefreshAsync"/> (run on a timer by the host), never the store, so a
/// scraper polling often costs no queries. The store is the truth, so every instance of a scaled-out service reports
/// the same counts. A DI singleton; the counts are one immutable snapshot swapped whole.
/// </summary>
public sealed class WorkloadGauges
{
    public const string QueueTag = "crmbot.queue";

    private readonly IOptions<EscalationOptions> _escalation;
    private readonly IOptions<SupervisorOptions> _supervisor;
    private readonly TimeProvider _time;
    private Snapshot? _snapshot;

    public WorkloadGauges(TurnTelemetry telemetry, IOptions<EscalationOptions> escalation, IOptions<SupervisorOptions> supervisor, TimeProvider time)
    {
        _escalation = escalation;
        _supervisor = supervisor;
        _time = time;
        telemetry.Meter.CreateObservableGauge<int>("crmbot.escalations.waiting", WaitingPerQueue, "{escalation}",
            "Escalations waiting in each queue for an agent (not yet assigned)");
        telemetry.Meter.CreateObservableGauge<int>("crmbot.conversations.active", Active, "{conversation}",
            "Conversations not closed with a message within Supervisor:ActiveWindow, as the supervisor's live view counts them");
    }

    /// <summary>When the counts were last taken; null before the first refresh.</summary>
    public DateTimeOffset? TakenAt => Volatile.Read(ref _snapshot)?.TakenAt;

    /// <summary>Counts what waits and what is active now.</summary>
    public async Task RefreshAsync(CrmDbContext db, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var since = now - _supervisor.Value.ActiveWindow;
        var waiting = await db.Escalations.AsNoTracking().Where(e => e.Status == EscalationStatus.Pending)
            .GroupBy(e => e.Queue).Select(g => new { Queue = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Queue, x => x.Count, ct);
        var active = await db.Conversations.AsNoTracking().CountAsync(c => c.Status != ConversationStatus.Closed && c.LastActivityAt >= since, ct);
        // Every configured queue is reported, empty ones as 0, so a queue that drained reads 0 instead of vanishing.
        var o = _escalation.Value;
        foreach (var queue in o.QueueByIntent.Values.Append(o.DefaultQueue))
        {
            waiting.TryAdd(queue, 0);
        }
        Volatile.Write(ref _snapshot, new Snapshot(now, waiting, active));
    }

    private IEnumerable<Measurement<int>> WaitingPerQueue()
    {
        if (Volatile.Read(ref _snapshot) is not { } snapshot)
        {
            return [];
        }
        return snapshot.Waiting.OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => new Measurement<int>(q.Value, new KeyValuePair<string, object?>(QueueTag, q.Key))).ToList();
    }

    private IEnumerable<Measurement<int>> Active() =>
        Volatile.Read(ref _snapshot) is { } snapshot ? [new Measurement<int>(snapshot.Active)] : [];

    private sealed record Snapshot(DateTimeOffset TakenAt, IReadOnlyDictionary<string, int> Waiting, int Active);
}

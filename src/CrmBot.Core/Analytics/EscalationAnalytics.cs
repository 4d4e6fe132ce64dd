using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Analytics;

/// <summary>Escalation rate and reasons, containment, satisfaction and queue times. Stateless; thread-safe.</summary>
public sealed class EscalationAnalytics
{
    /// <summary>Name of the line that adds up all queues in <see cref="HandlingTimes"/>.</summary>
    public const string AllQueues = "all";

    public async Task<EscalationFigures> EscalationsAsync(CrmDbContext db, AnalyticsFilter filter, CancellationToken ct)
    {
        var conversations = AnalyticsScope.Conversations(db, filter);
        int total = await conversations.CountAsync(ct);
        int escalated = await conversations.CountAsync(c => db.Set<Escalation>().Any(e => e.ConversationId == c.Id), ct);
        var reasons = await AnalyticsScope.Escalations(db, filter)
            .GroupBy(e => e.Reason)
            .Select(g => new { Reason = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int escalations = reasons.Sum(r => r.Count);
        return new EscalationFigures(total, escalated, Ratio.Rate(escalated, total), escalations, reasons
            .Select(r => new ReasonCount(r.Reason.ToString(), r.Count, Ratio.Share(r.Count, escalations)))
            .OrderByDescending(r => r.Escalations).ThenBy(r => r.Reason, StringComparer.Ordinal)
            .ToList());
    }

    public async Task<ContainmentFigures> ContainmentAsync(CrmDbContext db, AnalyticsFilter filter, CancellationToken ct)
    {
        var conversations = AnalyticsScope.Conversations(db, filter);
        var started = await conversations
            .GroupBy(c => StoredTime.QuarterHour(c.StartedAt))
            .Select(g => new { Quarter = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var escalated = await conversations
            .Where(c => db.Set<Escalation>().Any(e => e.ConversationId == c.Id))
            .GroupBy(c => StoredTime.QuarterHour(c.StartedAt))
            .Select(g => new { Quarter = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int reachedAgent = await conversations.CountAsync(c => db.Set<Escalation>().Any(e => e.ConversationId == c.Id && e.AcceptedAt != null), ct);

        var calendar = new LocalCalendar(filter.Period);
        var startedByDay = started.GroupBy(q => calendar.DayOf(q.Quarter)).ToDictionary(g => g.Key, g => g.Sum(q => q.Count));
        var escalatedByDay = escalated.GroupBy(q => calendar.DayOf(q.Quarter)).ToDictionary(g => g.Key, g => g.Sum(q => q.Count));
        var days = calendar.Days().Select(day =>
        {
            int count = startedByDay.GetValueOrDefault(day);
            int contained = count - escalatedByDay.GetValueOrDefault(day);
            return new DailyContainment(day, count, contained, Ratio.Rate(contained, count));
        }).ToList();
        int total = days.Sum(d => d.Conversations);
        int containedTotal = days.Sum(d => d.Contained);
        return new ContainmentFigures(total, containedTotal, total - containedTotal, reachedAgent, Ratio.Rate(containedTotal, total), days);
    }

    public async Task<CsatFigures> CsatAsync(CrmDbContext db, AnalyticsFilter filter, CancellationToken ct)
    {
        var escalations = AnalyticsScope.Escalations(db, filter);
        int asked = await escalations.CountAsync(e => e.Status == EscalationStatus.Resolved && e.Disposition != Dispositions.HandedBack, ct);
        var ratings = await escalations
            .Where(e => e.Csat != null)
            .GroupBy(e => e.Csat!.Value)
            .Select(g => new { Score = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int rated = ratings.Sum(r => r.Count);
        double? average = rated == 0 ? null : (double)ratings.Sum(r => r.Score * r.Count) / rated;
        var scores = Enumerable.Range(1, 5).Select(score =>
        {
            int count = ratings.Where(r => r.Score == score).Sum(r => r.Count);
            return new CsatScoreCount(score, count, Ratio.Share(count, rated));
        }).ToList();
        return new CsatFigures(asked, rated, Ratio.Rate(rated, asked), average, scores);
    }

    public async Task<HandlingTimes> HandlingTimesAsync(CrmDbContext db, AnalyticsFilter filter, CancellationToken ct)
    {
        var rows = await AnalyticsScope.Escalations(db, filter)
            .GroupBy(e => e.Queue)
            .Select(g => new QueueSums(
                g.Key,
                g.Count(),
                g.Count(e => e.AcceptedAt != null),
                g.Where(e => e.AcceptedAt != null).Sum(e => StoredTime.Units(e.AcceptedAt!.Value) - StoredTime.Units(e.CreatedAt)),
                g.Where(e => e.AcceptedAt != null).Max(e => (long?)(StoredTime.Units(e.AcceptedAt!.Value) - StoredTime.Units(e.CreatedAt))),
                g.Count(e => e.AcceptedAt != null && e.ResolvedAt != null),
                g.Where(e => e.AcceptedAt != null && e.ResolvedAt != null).Sum(e => StoredTime.Units(e.ResolvedAt!.Value) - StoredTime.Units(e.AcceptedAt!.Value))))
            .ToListAsync(ct);
        var all = rows.Aggregate(new QueueSums(AllQueues, 0, 0, 0, null, 0, 0), QueueSums.Add);
        return new HandlingTimes(all.ToFigure(), rows.Select(r => r.ToFigure()).OrderBy(q => q.Queue, StringComparer.Ordinal).ToList());
    }

    private sealed record QueueSums(string Queue, int Escalations, int Accepted, long WaitUnits, long? LongestWaitUnits, int Handled, long HandleUnits)
    {
        public static QueueSums Add(QueueSums a, QueueSums b) => a with
        {
            Escalations = a.Escalations + b.Escalations,
            Accepted = a.Accepted + b.Accepted,
            WaitUnits = a.WaitUnits + b.WaitUnits,
            LongestWaitUnits = a.LongestWaitUnits is null || b.LongestWaitUnits > a.LongestWaitUnits ? b.LongestWaitUnits : a.LongestWaitUnits,
            Handled = a.Handled + b.Handled,
            HandleUnits = a.HandleUnits + b.HandleUnits,
        };

        public QueueHandlingTime ToFigure() => new(Queue, Escalations, Accepted,
            Accepted == 0 ? null : Seconds(WaitUnits) / Accepted,
            LongestWaitUnits is { } longest ? Seconds(longest) : null,
            Handled,
            Handled == 0 ? null : Seconds(HandleUnits) / Handled);

        private static double Seconds(long units) => (double)units / StoredTime.UnitsPerSecond;
    }
}

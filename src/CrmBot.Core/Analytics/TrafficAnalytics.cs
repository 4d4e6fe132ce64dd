using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Analytics;

/// <summary>The busiest hours of the week. Stateless; thread-safe.</summary>
public sealed class TrafficAnalytics
{
    private static readonly DayOfWeek[] MondayFirst =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public async Task<BusiestHours> BusiestHoursAsync(CrmDbContext db, AnalyticsFilter filter, CancellationToken ct)
    {
        var conversations = await AnalyticsScope.Conversations(db, filter)
            .GroupBy(c => StoredTime.QuarterHour(c.StartedAt))
            .Select(g => new { Quarter = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var escalations = await AnalyticsScope.Escalations(db, filter)
            .GroupBy(e => StoredTime.QuarterHour(e.CreatedAt))
            .Select(g => new { Quarter = g.Key, Count = g.Count() })
            .ToListAsync(ct);

        var calendar = new LocalCalendar(filter.Period);
        var started = conversations.GroupBy(q => calendar.WeekdayHourOf(q.Quarter)).ToDictionary(g => g.Key, g => g.Sum(q => q.Count));
        var escalated = escalations.GroupBy(q => calendar.WeekdayHourOf(q.Quarter)).ToDictionary(g => g.Key, g => g.Sum(q => q.Count));
        var cells = MondayFirst
            .SelectMany(day => Enumerable.Range(0, 24).Select(hour => new HourCell(day, hour,
                started.GetValueOrDefault((day, hour)), escalated.GetValueOrDefault((day, hour)))))
            .ToList();
        return new BusiestHours(filter.Period.Zone.Id, cells);
    }
}

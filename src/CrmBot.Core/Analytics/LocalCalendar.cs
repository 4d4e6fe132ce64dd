using CrmBot.Core.Storage;

namespace CrmBot.Core.Analytics;

/// <summary>
/// Turns the UTC quarter hours SQL groups by (<see cref="StoredTime.QuarterHour"/>) into the days and hours of the
/// report's time zone, and lists every day or hour of a period so that empty ones show as empty rather than missing.
/// Hours are local hours as <see cref="DateTimeOffset"/>s: when the clocks go back, 01:00+01:00 and 01:00+00:00 are
/// two hours, as they were.
/// </summary>
internal sealed class LocalCalendar(ReportPeriod period)
{
    private readonly TimeZoneInfo zone = period.Zone;

    public DateOnly DayOf(long quarterHour) => DateOnly.FromDateTime(Local(quarterHour).DateTime);

    public DateTimeOffset HourOf(long quarterHour)
    {
        var local = Local(quarterHour);
        return new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset);
    }

    public (DayOfWeek Weekday, int Hour) WeekdayHourOf(long quarterHour)
    {
        var local = Local(quarterHour);
        return (local.DayOfWeek, local.Hour);
    }

    /// <summary>Every day of the period, in order.</summary>
    public IEnumerable<DateOnly> Days()
    {
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>Every local hour of the period, in order.</summary>
    public IEnumerable<DateTimeOffset> Hours()
    {
        var seen = new HashSet<DateTimeOffset>();
        for (var quarter = StoredTime.QuarterHour(period.Start); quarter < StoredTime.QuarterHour(period.End); quarter++)
        {
            var hour = HourOf(quarter);
            if (seen.Add(hour))
            {
                yield return hour;
            }
        }
    }

    /// <summary>The local start of a day, with the offset in force then.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private DateTimeOffset Local(long quarterHour) => TimeZoneInfo.ConvertTime(StoredTime.QuarterHourStart(quarterHour), zone);
}

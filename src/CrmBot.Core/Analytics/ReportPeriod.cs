namespace CrmBot.Core.Analytics;

/// <summary>
/// The days an analytics query covers, both included, as dates in the support team's time zone, and the UTC instants
/// they start and end at (a day is 23 or 25 hours when the clocks change).
/// </summary>
public sealed record ReportPeriod
{
    private ReportPeriod(DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        From = from;
        To = to;
        Zone = zone;
        Start = StartOfDay(from, zone);
        End = StartOfDay(to.AddDays(1), zone);
    }

    public DateOnly From { get; }
    public DateOnly To { get; }
    public TimeZoneInfo Zone { get; }

    /// <summary>Midnight at the start of <see cref="From"/>, in UTC.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Midnight at the end of <see cref="To"/>, in UTC: the first instant not covered.</summary>
    public DateTimeOffset End { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period; <paramref name="from"/> must not be after <paramref name="to"/>.</summary>
    public static ReportPeriod Of(DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        return new ReportPeriod(from, to, zone);
    }

    /// <summary>The <paramref name="days"/> days up to and including today in <paramref name="zone"/>.</summary>
    public static ReportPeriod LastDays(int days, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return Of(today.AddDays(1 - days), today, zone);
    }

    /// <summary>Today in <paramref name="zone"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    // A zone whose clocks skip midnight (a few did, changing to summer time at 00:00) starts that day at the first valid minute.
    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

namespace CrmBot.Core.Seeding;

/// <summary>Monday-to-Friday arithmetic for dispatch and delivery dates (bank holidays are not modelled in demo data).</summary>
internal static class WorkingDays
{
    public static bool IsWorkingDay(DateTimeOffset t) => t.UtcDateTime.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public static DateTimeOffset Add(DateTimeOffset from, int days)
    {
        var t = from;
        while (days > 0)
        {
            t = t.AddDays(1);
            if (IsWorkingDay(t)) days--;
        }
        return t;
    }
}

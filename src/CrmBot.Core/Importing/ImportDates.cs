using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmBot.Core.Importing;

/// <summary>Which way round a date like 03/04/2025 is read when both numbers could be the month.</summary>
public enum DateOrder { DayFirst, MonthFirst }

/// <summary>
/// Dates in the forms shops' exports use: ISO 8601 (2025-04-03, with or without a time and offset), numbers with
/// slashes, dots or dashes (03/04/2025, 3.4.25), month names ("3 Apr 2025", "3rd April 2025", "April 3, 2025",
/// "Thu 3 April 2025") and 20250403. The rule for numeric dates: a first number over 12 can only be the day and a
/// second number over 12 only the day, so 25/12/2024 and 12/25/2024 are both Christmas; when both are 12 or less, the
/// file's <see cref="DateOrder"/> decides (day first by default: this is a UK shop). Two-digit years are 2000–2069
/// or 1970–1999. A date without an offset is UK local time. Pure and thread-safe.
/// </summary>
public static partial class ImportDates
{
    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(string cleaned, DateOrder order, TimeZoneInfo zone, out string? reason)
    {
        reason = null;
        var text = cleaned.Trim();
        if (text.Length == 0)
        {
            reason = "empty";
            return null;
        }
        if (Iso().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            return HasOffset(text) ? iso : Local(DateOnly.FromDateTime(iso.UtcDateTime), iso.UtcDateTime.TimeOfDay, zone);
        }
        DateOnly? date = null;
        TimeSpan time = default;
        if (Numeric().Match(text) is { Success: true } n)
        {
            int a = int.Parse(n.Groups["a"].Value, CultureInfo.InvariantCulture), b = int.Parse(n.Groups["b"].Value, CultureInfo.InvariantCulture);
            int year = Year(n.Groups["y"].Value);
            (int day, int month) = a > 12 ? (a, b) : b > 12 ? (b, a) : order == DateOrder.DayFirst ? (a, b) : (b, a);
            date = Make(year, month, day);
            time = Time(n.Groups["time"].Value);
        }
        else if (Compact().Match(text) is { Success: true } c)
        {
            date = Make(int.Parse(c.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(c.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(c.Groups["d"].Value, CultureInfo.InvariantCulture));
        }
        else if (DayMonthName().Match(text) is { Success: true } dm)
        {
            date = Make(Year(dm.Groups["y"].Value), Month(dm.Groups["m"].Value), int.Parse(dm.Groups["d"].Value, CultureInfo.InvariantCulture));
            time = Time(dm.Groups["time"].Value);
        }
        else if (MonthNameDay().Match(text) is { Success: true } md)
        {
            date = Make(Year(md.Groups["y"].Value), Month(md.Groups["m"].Value), int.Parse(md.Groups["d"].Value, CultureInfo.InvariantCulture));
            time = Time(md.Groups["time"].Value);
        }
        else
        {
            reason = "not a date in a format we read (use 2025-04-03 or 03/04/2025)";
            return null;
        }
        if (date is null || time < TimeSpan.Zero)
        {
            reason = "no such date";
            return null;
        }
        return Local(date.Value, time, zone);
    }

    private static DateTimeOffset Local(DateOnly date, TimeSpan time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + time;
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || OffsetSuffix().IsMatch(text);

    private static DateOnly? Make(int year, int month, int day) =>
        year is >= 1900 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static int Year(string text)
    {
        int year = int.Parse(text, CultureInfo.InvariantCulture);
        return text.Length == 2 ? (year < 70 ? 2000 + year : 1900 + year) : year;
    }

    private static int Month(string name)
    {
        var key = name.ToLowerInvariant();
        var index = Array.FindIndex(MonthNames, m => key.StartsWith(m, StringComparison.Ordinal));
        return index + 1;
    }

    private static TimeSpan Time(string text)
    {
        if (text.Length == 0)
        {
            return TimeSpan.Zero;
        }
        var parts = text.Split(':');
        int hours = int.Parse(parts[0], CultureInfo.InvariantCulture), minutes = int.Parse(parts[1], CultureInfo.InvariantCulture);
        int seconds = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0;
        return hours < 24 && minutes < 60 && seconds < 60 ? new TimeSpan(hours, minutes, seconds) : TimeSpan.MinValue;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Iso();

    [GeneratedRegex(@"[+-]\d{2}:?\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();

    [GeneratedRegex(@"^(?<a>\d{1,2})[/.\-](?<b>\d{1,2})[/.\-](?<y>\d{4}|\d{2})(?:,?\s+(?<time>\d{1,2}:\d{2}(?::\d{2})?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();

    [GeneratedRegex(@"^(?<y>(?:19|20)\d{2})(?<m>\d{2})(?<d>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Compact();

    [GeneratedRegex(@"^(?:[a-z]{3,9},?\s+)?(?<d>\d{1,2})(?:st|nd|rd|th)?[\s\-]+(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?[\s\-]+(?<y>\d{4}|\d{2})(?:,?\s+(?<time>\d{1,2}:\d{2}(?::\d{2})?))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthName();

    [GeneratedRegex(@"^(?:[a-z]{3,9},?\s+)?(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})(?:,?\s+(?<time>\d{1,2}:\d{2}(?::\d{2})?))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthNameDay();
}

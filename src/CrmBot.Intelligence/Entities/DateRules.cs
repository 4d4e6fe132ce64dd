using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmBot.Intelligence.Entities;

/// <summary>Dates as customers write them: ISO, UK day-first numeric, "3 March", "March 3rd", today/yesterday/tomorrow, weekdays.</summary>
internal static partial class DateRules
{
    private static readonly string[] Months =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static IEnumerable<Entity> Find(string text, DateOnly today)
    {
        foreach (Match m in Iso().Matches(text))
        {
            if (TryDate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, out var date))
            {
                yield return Make(date, m);
            }
        }
        foreach (Match m in DayFirstNumeric().Matches(text))
        {
            var year = m.Groups["y"].Success ? FullYear(m.Groups["y"].Value) : today.Year.ToString(CultureInfo.InvariantCulture);
            if (TryDate(year, m.Groups["m"].Value, m.Groups["d"].Value, out var date))
            {
                yield return Make(date, m);
            }
        }
        foreach (Match m in DayMonth().Matches(text).Concat(MonthDay().Matches(text)))
        {
            int month = Array.IndexOf(Months, m.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
            var year = m.Groups["y"].Success ? m.Groups["y"].Value : today.Year.ToString(CultureInfo.InvariantCulture);
            if (month > 0 && TryDate(year, month.ToString(CultureInfo.InvariantCulture), m.Groups["d"].Value, out var date))
            {
                yield return Make(date, m);
            }
        }
        foreach (Match m in Relative().Matches(text))
        {
            var word = m.Groups["word"].Value.ToLowerInvariant();
            DateOnly? date = word switch
            {
                "today" => today,
                "yesterday" => today.AddDays(-1),
                "tomorrow" => today.AddDays(1),
                _ => Weekday(word, m.Groups["dir"].Value.ToLowerInvariant(), today),
            };
            if (date is { } d)
            {
                yield return Make(d, m);
            }
        }
    }

    // A bare weekday or "last friday" means the most recent one (customers talk about past orders); "next friday" the coming one.
    private static DateOnly? Weekday(string word, string direction, DateOnly today)
    {
        if (!Enum.TryParse<DayOfWeek>(word, ignoreCase: true, out var day))
        {
            return null;
        }
        int back = ((int)today.DayOfWeek - (int)day + 7) % 7;
        if (direction == "next")
        {
            int ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }
        return today.AddDays(-(back == 0 && direction == "last" ? 7 : back));
    }

    private static string FullYear(string y) => y.Length == 2 ? "20" + y : y;

    private static bool TryDate(string y, string m, string d, out DateOnly date)
    {
        date = default;
        return int.TryParse(y, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(m, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(d, CultureInfo.InvariantCulture, out var day)
            && year is >= 2000 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && (date = new DateOnly(year, month, day)) != default;
    }

    private static Entity Make(DateOnly date, Match m) =>
        new(EntityTypes.Date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.Index, m.Length);

    [GeneratedRegex(@"\b(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    [GeneratedRegex(@"\b(?<d>\d{1,2})[/.](?<m>\d{1,2})(?:[/.](?<y>\d{4}|\d{2}))?\b", RegexOptions.CultureInvariant)]
    private static partial Regex DayFirstNumeric();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?:,?\s+(?<y>\d{4}))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"\b(?<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<y>\d{4}))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(?:(?<dir>last|next|this|on)\s+)?(?<word>today|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Relative();
}

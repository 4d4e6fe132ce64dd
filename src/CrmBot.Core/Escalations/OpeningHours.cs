using System.Globalization;

namespace CrmBot.Core.Escalations;

/// <summary>
/// The human team's opening hours (Escalation:OpeningHours, in Conversation:TimeZone): whether the team is in now,
/// and the hours in words for customers, so what the bot says cannot disagree with the configuration.
/// </summary>
public sealed class OpeningHours(IReadOnlyDictionary<DayOfWeek, string> hours, TimeZoneInfo zone)
{
    private static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return hours.TryGetValue(local.DayOfWeek, out var range) && TryParseRange(range, out var from, out var to)
            && TimeOnly.FromDateTime(local.DateTime) is var t && t >= from && t < to;
    }

    /// <summary>"Mon–Fri 8:00–20:00 and Sat 9:00–17:00, London time": consecutive days with the same hours are one run.</summary>
    public string Describe()
    {
        var runs = new List<(DayOfWeek First, DayOfWeek Last, string Hours)>();
        foreach (var day in Week)
        {
            if (!hours.TryGetValue(day, out var range) || !TryParseRange(range, out var from, out var to))
            {
                continue;
            }
            var text = $"{Clock(from)}–{Clock(to)}";
            if (runs.Count > 0 && runs[^1].Hours == text && Week[Array.IndexOf(Week, runs[^1].Last) + 1] == day)
            {
                runs[^1] = runs[^1] with { Last = day };
            }
            else
            {
                runs.Add((day, day, text));
            }
        }
        if (runs.Count == 0)
        {
            return "by email only";
        }
        var parts = runs.Select(r => (r.First == r.Last ? Short(r.First) : $"{Short(r.First)}–{Short(r.Last)}") + " " + r.Hours).ToList();
        var days = parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
        return $"{days}, {ZoneName()}";
    }

    public static bool TryParseRange(string range, out TimeOnly from, out TimeOnly to)
    {
        from = to = default;
        var parts = range.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && TimeOnly.TryParse(parts[0], CultureInfo.InvariantCulture, out from) && TimeOnly.TryParse(parts[1], CultureInfo.InvariantCulture, out to);
    }

    // 23:59:59.99 reads as midnight: it is how "open until the end of the day" is written in the configuration.
    private static string Clock(TimeOnly t) => t >= new TimeOnly(23, 59) ? "24:00" : t.Minute == 0 ? $"{t.Hour}:00" : $"{t.Hour}:{t.Minute:00}";

    private static string Short(DayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(day);

    private string ZoneName() => zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.Id.Split('/')[^1].Replace('_', ' ') + " time";
}

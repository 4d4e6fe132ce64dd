using System.Text.Json.Serialization;

namespace CrmBot.Core.Analytics;

/// <summary>
/// When customers come and when they need a person: conversations started and escalations created per local weekday
/// and hour over the period, 7 × 24 cells from Monday 00:00 to Sunday 23:00.
/// </summary>
public sealed record BusiestHours(string TimeZone, IReadOnlyList<HourCell> Cells);

public sealed record HourCell(
    [property: JsonConverter(typeof(JsonStringEnumConverter<DayOfWeek>))] DayOfWeek Weekday, int Hour, int Conversations, int Escalations);

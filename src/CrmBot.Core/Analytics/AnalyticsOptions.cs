using System.ComponentModel.DataAnnotations;

namespace CrmBot.Core.Analytics;

/// <summary>
/// The <c>Analytics</c> section of appsettings.json: the limits of the supervisor's analytics. Days and hours are those
/// of <c>Conversation:TimeZone</c>, the support team's zone, like the opening hours.
/// </summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>The longest date range one query may cover, in days (both ends included).</summary>
    [Range(1, 3660)]
    public int MaxRangeDays { get; set; } = 366;

    /// <summary>The longest range with hourly buckets (31 days is 744 points, about what a chart can show).</summary>
    [Range(1, 366)]
    public int MaxHourlyRangeDays { get; set; } = 31;

    /// <summary>The range when none is given: this many days up to and including today.</summary>
    [Range(1, 3660)]
    public int DefaultRangeDays { get; set; } = 30;

    /// <summary>How many of the most negative intents are reported at most (the query's <c>top</c>).</summary>
    [Range(1, 50)]
    public int MaxNegativeIntents { get; set; } = 10;

    /// <summary>
    /// Negative customer messages read per intent to find the phrases behind them, the most recent first, and as many
    /// of its other messages to compare with: this bounds the text an analytics request reads whatever the range.
    /// </summary>
    [Range(10, 10_000)]
    public int PhraseSampleMessages { get; set; } = 500;

    /// <summary>Phrases reported per negative intent.</summary>
    [Range(1, 50)]
    public int PhrasesPerIntent { get; set; } = 10;
}

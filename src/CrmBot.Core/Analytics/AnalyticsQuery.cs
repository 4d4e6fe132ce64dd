namespace CrmBot.Core.Analytics;

/// <summary>
/// An analytics request's filters as typed in a URL, before they are checked: dates as <c>yyyy-MM-dd</c> in the
/// support team's time zone, the agent as its id, the tier by name. Empty means not set.
/// </summary>
public sealed record AnalyticsQuery(
    string? From = null, string? To = null, string? Channel = null, string? Intent = null, string? Queue = null,
    string? Agent = null, string? Segment = null, string? Tier = null);

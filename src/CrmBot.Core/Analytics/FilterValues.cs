namespace CrmBot.Core.Analytics;

/// <summary>
/// What each analytics filter may be set to: the values found in the store (and, for queues, the configured ones),
/// so a supervisor picks from a list, plus the report's time zone and default period.
/// </summary>
public sealed record FilterValues(
    IReadOnlyList<string> Channels, IReadOnlyList<string> Intents, IReadOnlyList<string> Queues, IReadOnlyList<AgentOption> Agents,
    IReadOnlyList<string> Segments, IReadOnlyList<string> Tiers, string TimeZone, DateOnly DefaultFrom, DateOnly DefaultTo,
    int MaxRangeDays, int MaxHourlyRangeDays);

public sealed record AgentOption(int Id, string Name);

using System.ComponentModel.DataAnnotations;

namespace CrmBot.Core.Seeding.History;

/// <summary>The <c>DemoHistory</c> section of appsettings.json: the past conversations a fresh demo store starts with.</summary>
public sealed class HistoryOptions
{
    public const string Section = "DemoHistory";

    /// <summary>Days of past conversations before today; 0 seeds none (tests that do not look at history save the time).</summary>
    [Range(0, 365)]
    public int Days { get; set; } = 90;

    /// <summary>Conversations on an average day; weekdays, weekends and a few disrupted days vary around it.</summary>
    [Range(1, 1000)]
    public int ConversationsPerDay { get; set; } = 55;
}

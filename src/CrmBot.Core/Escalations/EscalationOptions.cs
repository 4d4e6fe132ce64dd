using System.ComponentModel.DataAnnotations;

namespace CrmBot.Core.Escalations;

/// <summary>The <c>Escalation</c> section of appsettings.json: when the bot hands over to a person, and to which queue.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>A single message scoring at or below this sentiment escalates at once.</summary>
    [Range(-1.0, 0.0)]
    public double SentimentThreshold { get; set; } = -0.8;

    /// <summary>A customer turn scoring at or below this counts as negative for <see cref="NegativeTurnsInARow"/>.</summary>
    [Range(-1.0, 0.0)]
    public double NegativeTurnScore { get; set; } = -0.65;

    [Range(1, 20)]
    public int NegativeTurnsInARow { get; set; } = 2;

    /// <summary>Consecutive turns the bot could not understand or answer before it hands over.</summary>
    [Range(1, 20)]
    public int FallbacksInARow { get; set; } = 2;

    /// <summary>Intents that always go to a person.</summary>
    public List<string> AlwaysEscalateIntents { get; set; } = [];

    /// <summary>Skill queue per intent; intents not listed go to <see cref="DefaultQueue"/>.</summary>
    public Dictionary<string, string> QueueByIntent { get; set; } = [];

    [Required]
    public string DefaultQueue { get; set; } = "general";

    /// <summary>An assigned escalation the agent has not accepted within this time goes back to the queue.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan AcceptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Every this long in the queue raises an escalation's priority by one step, so nobody waits forever behind VIPs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan PriorityAgeing { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Opening hours of the human team per day of week, "08:00-20:00"; days not listed are closed.</summary>
    public Dictionary<DayOfWeek, string> OpeningHours { get; set; } = [];

    public string QueueFor(string? intent) =>
        intent is not null && QueueByIntent.TryGetValue(intent, out var queue) ? queue : DefaultQueue;
}

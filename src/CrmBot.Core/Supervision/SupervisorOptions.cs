using System.ComponentModel.DataAnnotations;

namespace CrmBot.Core.Supervision;

/// <summary>
/// The <c>Supervisor</c> section of appsettings.json: which conversations the live view shows and when a
/// conversation's mood raises an alert. Scores are the rolling conversation sentiment in [-1, 1].
/// </summary>
public sealed class SupervisorOptions : IValidatableObject
{
    public const string Section = "Supervisor";

    /// <summary>An alert is raised when the rolling sentiment falls to or below this.</summary>
    [Range(-1.0, 0.5)]
    public double AlertThreshold { get; set; } = -0.5;

    /// <summary>An alert is raised when the rolling sentiment fell at least this much within <see cref="DropWindow"/> customer messages.</summary>
    [Range(0.05, 2.0)]
    public double SteepDrop { get; set; } = 0.6;

    /// <summary>How many of the latest customer messages a steep drop is measured over.</summary>
    [Range(1, 20)]
    public int DropWindow { get; set; } = 3;

    /// <summary>
    /// A conversation with an alert raises no other until its rolling sentiment is back at or above this (it recovered):
    /// above <see cref="AlertThreshold"/>, so a score wobbling around the threshold does not ring again and again.
    /// </summary>
    [Range(-1.0, 1.0)]
    public double RecoverAt { get; set; } = -0.2;

    /// <summary>A conversation with no message for longer than this is no longer live.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ActiveWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The most conversations the live view lists (most recently active first): the query stays bounded.</summary>
    [Range(10, 2000)]
    public int MaxConversations { get; set; } = 200;

    /// <summary>How many of the latest customer messages the sentiment sparkline shows.</summary>
    [Range(2, 50)]
    public int TrendPoints { get; set; } = 12;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RecoverAt <= AlertThreshold)
        {
            yield return new ValidationResult($"Supervisor:RecoverAt ({RecoverAt}) must be above Supervisor:AlertThreshold ({AlertThreshold}), or an alert could never clear.",
                [nameof(RecoverAt), nameof(AlertThreshold)]);
        }
    }
}

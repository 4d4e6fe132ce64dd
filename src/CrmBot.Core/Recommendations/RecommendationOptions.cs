using System.ComponentModel.DataAnnotations;

namespace CrmBot.Core.Recommendations;

/// <summary>The <c>Recommendations</c> section: the A/B experiment over suggestion strategies, and how fresh the engine's view of sales stays.</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Recommendations";

    [Required]
    public ExperimentOptions Experiment { get; set; } = new();

    /// <summary>The engine's item index (co-purchases, popularity) is rebuilt from the orders when older than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IndexMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether the bot offers a few products, unasked, as a happy verified customer who agreed to marketing closes the conversation.</summary>
    public bool ClosingOffer { get; set; } = true;

    /// <summary>The conversation's rolling sentiment (-1 to 1) must be at least this for the closing offer.</summary>
    [Range(-1.0, 1.0)]
    public double ClosingOfferMinSentiment { get; set; } = 0.2;

    /// <summary>Whether the experiment names only known strategies, at least one with a positive weight, and no negative ones.</summary>
    public static bool IsValid(ExperimentOptions experiment) =>
        experiment.Arms.Count > 0
        && experiment.Arms.All(a => RecommendationStrategies.Assignable.Contains(a.Key) && double.IsFinite(a.Value) && a.Value >= 0)
        && experiment.Arms.Values.Sum() > 0;
}

/// <summary>Strategies and their weights; a new <see cref="Name"/> reshuffles who gets which.</summary>
public sealed class ExperimentOptions
{
    [Required, MinLength(1)]
    public string Name { get; set; } = "";

    /// <summary>Strategy name → weight (any positive numbers: 45/45/10 or 0.45/0.45/0.1).</summary>
    public Dictionary<string, double> Arms { get; set; } = [];
}

using System.ComponentModel.DataAnnotations;
using CrmBot.Intelligence.Profiles;

namespace CrmBot.Core.Profiles;

/// <summary>The <c>Profiles</c> section of appsettings.json: how customer profiles (segments, churn risk, lifetime value) are computed.</summary>
public sealed class ProfileOptions
{
    public const string Section = "Profiles";

    /// <summary>Churn horizon N: a customer churned when they placed no order in the N days after the cut-off (see <see cref="ChurnDefinition"/>).</summary>
    [Range(14, 730)]
    public int ChurnHorizonDays { get; set; } = 90;

    /// <summary>Conversations, escalations and complaints are counted over this many days before the date a profile is taken at.</summary>
    [Range(1, 730)]
    public int InteractionWindowDays { get; set; } = 90;

    /// <summary>The classifier the churn model is trained with; <c>eval churn</c> compares all of them.</summary>
    public ChurnAlgorithm ChurnAlgorithm { get; set; } = ChurnAlgorithm.LogisticRegression;

    /// <summary>The range of k that k-means tries; the k with the best silhouette is kept.</summary>
    [Range(2, 20)]
    public int MinSegments { get; set; } = 3;

    [Range(2, 20)]
    public int MaxSegments { get; set; } = 8;

    /// <summary>Years of future orders the lifetime value adds to the historical spend.</summary>
    [Range(0.0, 10.0)]
    public double ExpectedValueYears { get; set; } = 1;
}

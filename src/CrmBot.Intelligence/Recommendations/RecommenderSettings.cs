namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// The recommender's fixed choices. The defaults suit a shop with a few years of orders; the evaluation uses the same
/// ones on both data sets so the figures compare like with like.
/// </summary>
public sealed record RecommenderSettings
{
    /// <summary>Similar items kept per item for co-purchase candidates.</summary>
    public int Neighbours { get; init; } = 50;
    /// <summary>Fewer customers than this buying both items is chance, not similarity.</summary>
    public int MinCustomersTogether { get; init; } = 2;
    /// <summary>A purchase this old counts half towards the customer's tastes (categories, price, co-purchase seeds).</summary>
    public TimeSpan TasteHalfLife { get; init; } = TimeSpan.FromDays(180);
    /// <summary>"Popular right now": purchases within this window, a purchase this old counting half.</summary>
    public TimeSpan PopularityWindow { get; init; } = TimeSpan.FromDays(90);
    public TimeSpan PopularityHalfLife { get; init; } = TimeSpan.FromDays(30);
    /// <summary>Candidates taken from each source before ranking.</summary>
    public int CandidatesPerSource { get; init; } = 60;
    /// <summary>Candidates per favourite or mentioned category.</summary>
    public int CandidatesPerCategory { get; init; } = 20;
    /// <summary>The learned ranker learns from what customers bought in this last stretch of the history.</summary>
    public TimeSpan LabelWindow { get; init; } = TimeSpan.FromDays(90);
    /// <summary>Each earlier pick of the same category lowers a candidate's normalised score by this much.</summary>
    public double DiversityPenalty { get; init; } = 0.08;
}

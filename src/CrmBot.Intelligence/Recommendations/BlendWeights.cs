namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// The hand-weighted blend: co-purchase evidence and the customer's categories first, then what is popular; a product
/// or category the customer just mentioned outweighs their history. Weights were chosen on a validation split of the
/// seeded store's training period (test window 180 to 90 days back), never on the evaluation's test period.
/// </summary>
public sealed record BlendWeights
{
    public double CoPurchase { get; init; } = 1.0;
    /// <summary>Doubled from a first guess of 0.8: on validation, category taste was the strongest single signal.</summary>
    public double CategoryShare { get; init; } = 1.6;
    public double Popularity { get; init; } = 0.5;
    public double PopularityInCategory { get; init; } = 0.3;
    /// <summary>
    /// Added to either ranking (scaled to 0–1) when the customer says what they are shopping for, times how near a
    /// candidate's price is to the customer's usual level (1 nearest, 0 farthest among the candidates): then they want
    /// a main purchase at their own price level, not the cheap add-on everyone buys. Left out of open suggestions,
    /// where on validation it cost hit rate (cheap add-ons are what most baskets add).
    /// </summary>
    public double PriceFitWhenShopping { get; init; } = 1.0;
    public double MentionedCategory { get; init; } = 1.5;
    public double MentionedItem { get; init; } = 1.2;

    public double Score(CandidateFeatures f) =>
        CoPurchase * f.CoPurchaseRelative
        + CategoryShare * f.CategoryShare
        + Popularity * f.Popularity
        + PopularityInCategory * f.PopularityInCategory
        + MentionedCategory * f.MentionedCategory
        + MentionedItem * f.MentionedItemRelative;
}

namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// The hand-weighted blend: co-purchase evidence first, then the customer's categories and price level, then what is
/// popular; a product or category the customer just mentioned outweighs their history. Weights were set by looking at
/// the seeded store's suggestions and checked on a validation split of its training period, never on the test period.
/// </summary>
public sealed record BlendWeights
{
    public double CoPurchase { get; init; } = 1.0;
    public double CategoryShare { get; init; } = 0.8;
    public double Popularity { get; init; } = 0.5;
    public double PopularityInCategory { get; init; } = 0.3;
    public double PriceFit { get; init; } = 0.4;
    public double MentionedCategory { get; init; } = 1.5;
    public double MentionedItem { get; init; } = 1.2;

    public double Score(CandidateFeatures f) =>
        CoPurchase * f.CoPurchaseRelative
        + CategoryShare * f.CategoryShare
        + Popularity * f.Popularity
        + PopularityInCategory * f.PopularityInCategory
        + PriceFit * f.PriceFit
        + MentionedCategory * f.MentionedCategory
        + MentionedItem * f.MentionedItemRelative;
}

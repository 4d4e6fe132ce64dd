namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// The signals about one candidate for one customer, in one conversation: the blend weighs them by hand, the learned
/// ranker reads them as its features, and the reason quotes the strongest. Relative values are divided by the
/// largest among the request's candidates, so they mean the same for a customer with two purchases or two hundred.
/// </summary>
public sealed record CandidateFeatures
{
    public const int Count = 11;

    public int Item { get; init; }
    /// <summary>Weighted mean similarity to the owned items (co-purchase).</summary>
    public double CoPurchase { get; init; }
    public double CoPurchaseRelative { get; init; }
    /// <summary>The owned item that points hardest at this one, if any.</summary>
    public int? BoughtWith { get; init; }
    /// <summary>The customer's recency-weighted share of purchases in the candidate's category.</summary>
    public double CategoryShare { get; init; }
    public double Popularity { get; init; }
    public double PopularityInCategory { get; init; }
    /// <summary>1 when the candidate is in a category the conversation mentioned.</summary>
    public double MentionedCategory { get; init; }
    /// <summary>Similarity to the items the conversation mentioned, relative to the best candidate's.</summary>
    public double MentionedItemRelative { get; init; }
    public int? MentionedWith { get; init; }
    /// <summary>How well the price suits the customer's usual price level (½ when unknown).</summary>
    public double PriceFit { get; init; }
    /// <summary>ln(1 + distinct items owned): lets the ranker trust co-purchase more for customers with more history.</summary>
    public double HistorySize { get; init; }
    /// <summary>1 when the customer already bought in this category at all.</summary>
    public double KnownCategory { get; init; }

    public float[] ToVector() =>
    [
        (float)CoPurchase, (float)CoPurchaseRelative, (float)CategoryShare, (float)Popularity, (float)PopularityInCategory,
        (float)MentionedCategory, (float)MentionedItemRelative, (float)PriceFit, (float)HistorySize, (float)KnownCategory,
        (float)(CoPurchaseRelative * HistorySize),
    ];
}

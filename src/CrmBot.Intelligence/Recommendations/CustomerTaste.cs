namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// What one customer's purchases say about them as of a moment: what they own (never suggested again), how much each
/// owned item still speaks for their taste (recent purchases more), their share of purchases per category
/// (recency-weighted) and the price level they usually buy at (mean and spread of the log price).
/// </summary>
public sealed class CustomerTaste
{
    private CustomerTaste(IReadOnlySet<string> owned, IReadOnlyDictionary<string, double> itemWeights,
        IReadOnlyDictionary<string, double> categoryShare, double? logPrice, double logPriceSpread)
    {
        Owned = owned;
        ItemWeights = itemWeights;
        CategoryShare = categoryShare;
        LogPrice = logPrice;
        LogPriceSpread = logPriceSpread;
    }

    public static CustomerTaste None { get; } = new(new HashSet<string>(), new Dictionary<string, double>(), new Dictionary<string, double>(), null, 1);

    public IReadOnlySet<string> Owned { get; }
    /// <summary>Per owned item, 2^(-age of its last purchase / half-life).</summary>
    public IReadOnlyDictionary<string, double> ItemWeights { get; }
    /// <summary>Recency-weighted share of purchases per category; sums to 1 when there is any history.</summary>
    public IReadOnlyDictionary<string, double> CategoryShare { get; }
    /// <summary>Recency-weighted mean of ln(price) of what they bought; null without history.</summary>
    public double? LogPrice { get; }
    public double LogPriceSpread { get; }
    public bool IsKnown => Owned.Count > 0;

    public static CustomerTaste From(IEnumerable<Purchase> history, DateTimeOffset asOf, TimeSpan halfLife)
    {
        var lines = history.Where(p => p.At < asOf).ToList();
        if (lines.Count == 0)
        {
            return None;
        }
        var weights = lines.GroupBy(p => p.Item, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => PurchaseIndex.Decay(asOf - g.Max(p => p.At), halfLife), StringComparer.Ordinal);
        var lineWeights = lines.Select(p => (Line: p, Weight: PurchaseIndex.Decay(asOf - p.At, halfLife))).ToList();
        double total = lineWeights.Sum(x => x.Weight);
        var shares = lineWeights.GroupBy(x => x.Line.Category, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Weight) / total, StringComparer.Ordinal);
        // The price level is weighted by what was spent: a customer who buys £500 laptops and £10 cables shops at the laptop's level.
        var priced = lineWeights.Where(x => x.Line.Price > 0).Select(x => (x.Line, Weight: x.Weight * x.Line.Price * x.Line.Quantity)).ToList();
        double? mean = null;
        double spread = 1;
        if (priced.Count > 0)
        {
            double w = priced.Sum(x => x.Weight);
            mean = priced.Sum(x => x.Weight * Math.Log(x.Line.Price)) / w;
            double variance = priced.Sum(x => x.Weight * Math.Pow(Math.Log(x.Line.Price) - mean.Value, 2)) / w;
            // One purchase says little about the spread: never narrower than a factor of about 1.6 either way.
            spread = Math.Max(0.5, Math.Sqrt(variance));
        }
        return new CustomerTaste(weights.Keys.ToHashSet(StringComparer.Ordinal), weights, shares, mean, spread);
    }

    /// <summary>How well a price suits what they usually pay: 1 at their usual level, falling off like a bell curve on the log scale; ½ when unknown.</summary>
    public double PriceFit(double price) => LogPrice is not { } mean || price <= 0
        ? 0.5
        : Math.Exp(-Math.Pow(Math.Log(price) - mean, 2) / (2 * LogPriceSpread * LogPriceSpread));
}

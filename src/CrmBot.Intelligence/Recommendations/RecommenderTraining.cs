namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// Trains the learned ranker and decides whether it ships. The ranker learns from a time split of the history:
/// signals as of the start of the last <see cref="RecommenderSettings.LabelWindow"/>, labels from what customers went
/// on to buy in it. It ships only if, trained the same way one window earlier, it beats the blend on hit rate@10 over
/// the last window (NDCG@10 breaks a tie).
/// </summary>
public static class RecommenderTraining
{
    public sealed record Outcome(LearnedRanker? Ranker, bool RankerShips, RankingMetrics? BlendValidation, RankingMetrics? RankerValidation, TimeSpan Took);

    /// <param name="catalogue">Every item, with what can be suggested now.</param>
    public static Outcome Train(IReadOnlyList<Purchase> purchases, DateTimeOffset asOf, IReadOnlyDictionary<string, CatalogueItem> catalogue,
        RecommenderSettings settings, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var validation = RecommenderEvaluation.Run(purchases, asOf - settings.LabelWindow, asOf, catalogue, settings, [RankingMethod.Blend, RankingMethod.Ranker], ct: ct);
        var blend = validation.Metrics.FirstOrDefault(m => m.Method == RankingMethod.Blend);
        var learned = validation.Metrics.FirstOrDefault(m => m.Method == RankingMethod.Ranker);
        bool wins = blend is not null && learned is not null && validation.RankerTrained
            && (learned.HitRate > blend.HitRate || (learned.HitRate == blend.HitRate && learned.Ndcg > blend.Ndcg));
        var ranker = wins ? TrainRanker(purchases, asOf, catalogue, settings, ct) : null;
        return new Outcome(ranker, ranker is not null, blend, learned, started.Elapsed);
    }

    /// <summary>A ranker that learns, from purchases before <paramref name="asOf"/>, what customers bought in the last label window.</summary>
    public static LearnedRanker? TrainRanker(IReadOnlyList<Purchase> purchases, DateTimeOffset asOf, IReadOnlyDictionary<string, CatalogueItem> catalogue,
        RecommenderSettings settings, CancellationToken ct = default)
    {
        var cut = asOf - settings.LabelWindow;
        var index = PurchaseIndex.Build(purchases, cut, settings);
        var recommender = new Recommender(index, catalogue, ranker: null);
        var queries = HeldOut(purchases, index, cut, asOf).Select(h =>
        {
            ct.ThrowIfCancellationRequested();
            var taste = CustomerTaste.From(index.History(h.Customer), cut, settings.TasteHalfLife);
            var query = new RecommendationQuery(taste, RecommendationContext.None, null, 10, RankingMethod.Blend);
            return ((IReadOnlyList<CandidateFeatures>)recommender.Describe(query), (IReadOnlySet<int>)h.Items.Select(i => index.ItemNumber(i)).OfType<int>().ToHashSet());
        }).ToList();
        return LearnedRanker.Train(queries);
    }

    /// <summary>
    /// Customers known before <paramref name="from"/> and the items they first bought in [from, to): items they
    /// already had are left out, since the recommender never suggests what a customer owns.
    /// </summary>
    public static IEnumerable<(string Customer, IReadOnlySet<string> Items)> HeldOut(IReadOnlyList<Purchase> purchases, PurchaseIndex index, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var group in purchases.Where(p => p.At >= from && p.At < to).GroupBy(p => p.Customer, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var history = index.History(group.Key);
            if (history.Count == 0)
            {
                continue;
            }
            var owned = history.Select(p => p.Item).ToHashSet(StringComparer.Ordinal);
            var items = group.Select(p => p.Item).Where(i => !owned.Contains(i)).ToHashSet(StringComparer.Ordinal);
            if (items.Count > 0)
            {
                yield return (group.Key, items);
            }
        }
    }
}

namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// Measures ranking methods on a time split: everything before <c>testFrom</c> is history (the learned ranker is
/// trained on it alone), and each known customer's new items in [testFrom, testTo) are what the top k should contain.
/// The popularity baseline is measured in the same run on the same customers, without diversification.
/// </summary>
public static class RecommenderEvaluation
{
    public sealed record Report(IReadOnlyList<RankingMetrics> Metrics, int TrainPurchases, int TestCustomers, int SuggestibleItems, bool RankerTrained,
        TimeSpan Took);

    public static Report Run(IReadOnlyList<Purchase> purchases, DateTimeOffset testFrom, DateTimeOffset testTo, IReadOnlyDictionary<string, CatalogueItem> catalogue,
        RecommenderSettings settings, IReadOnlyList<RankingMethod> methods, int k = 10, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var train = purchases.Where(p => p.At < testFrom).ToList();
        var ranker = methods.Contains(RankingMethod.Ranker) ? RecommenderTraining.TrainRanker(train, testFrom, catalogue, settings, ct) : null;
        var index = PurchaseIndex.Build(train, testFrom, settings);
        var recommender = new Recommender(index, catalogue, ranker);
        var held = RecommenderTraining.HeldOut(purchases, index, testFrom, testTo).ToList();
        var suggestible = index.ItemIds.Count(id => catalogue.TryGetValue(id, out var c) && c.Available);
        var metrics = new List<RankingMetrics>();
        foreach (var method in methods)
        {
            if (method == RankingMethod.Ranker && ranker is null)
            {
                continue;
            }
            var hits = new double[held.Count];
            var gains = new double[held.Count];
            var shown = new HashSet<string>[held.Count];
            Parallel.For(0, held.Count, new ParallelOptions { CancellationToken = ct }, n =>
            {
                var (customer, items) = held[n];
                var taste = CustomerTaste.From(index.History(customer), testFrom, settings.TasteHalfLife);
                var top = recommender.Recommend(new RecommendationQuery(taste, RecommendationContext.None, null, k, method, Diversify: method != RankingMethod.Popularity));
                hits[n] = top.Any(s => items.Contains(s.Item)) ? 1 : 0;
                gains[n] = Ndcg(top.Select(s => items.Contains(s.Item)).ToList(), items.Count, k);
                shown[n] = top.Select(s => s.Item).ToHashSet(StringComparer.Ordinal);
            });
            var covered = shown.SelectMany(s => s).Distinct().Count();
            metrics.Add(new RankingMetrics(method, k, held.Count, held.Count == 0 ? 0 : hits.Average(), held.Count == 0 ? 0 : gains.Average(),
                suggestible == 0 ? 0 : covered / (double)suggestible));
        }
        return new Report(metrics, train.Count, held.Count, suggestible, ranker is not null, started.Elapsed);
    }

    /// <summary>DCG of the hits over the DCG of an ideal list (all relevant items first), binary relevance.</summary>
    public static double Ndcg(IReadOnlyList<bool> hits, int relevant, int k)
    {
        double dcg = 0, ideal = 0;
        for (int i = 0; i < Math.Min(k, hits.Count); i++)
        {
            dcg += hits[i] ? 1 / Math.Log2(i + 2) : 0;
        }
        for (int i = 0; i < Math.Min(k, relevant); i++)
        {
            ideal += 1 / Math.Log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }
}

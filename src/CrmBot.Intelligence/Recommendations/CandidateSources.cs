namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// Where candidates come from, each a cheap look-up in the <see cref="PurchaseIndex"/>: items bought by the customers who
/// bought what this customer owns (co-purchase), the popular items of the categories they buy from, what is popular
/// right now, and what goes with the products or categories mentioned in the conversation. Ranking comes later.
/// </summary>
public static class CandidateSources
{
    /// <summary>
    /// Item-to-item collaborative filtering: every neighbour of an owned item, scored by the recency-weighted mean of
    /// its similarity to the owned items. The owned item that points hardest is kept for the reason.
    /// </summary>
    public static Dictionary<int, Evidence> CoPurchase(PurchaseIndex index, CustomerTaste taste) =>
        Spread(index, taste.ItemWeights.Select(kv => (kv.Key, kv.Value)));

    /// <summary>The same walk from the items mentioned in the conversation, each weighing the same.</summary>
    public static Dictionary<int, Evidence> MentionedItems(PurchaseIndex index, RecommendationContext context) =>
        Spread(index, context.Items.Select(i => (i, 1.0)));

    /// <summary>The most popular items of each category the customer buys from, scored by their share of that category × the item's standing in it.</summary>
    public static IEnumerable<(int Item, double Score)> FavouriteCategories(PurchaseIndex index, CustomerTaste taste, int perCategory) =>
        taste.CategoryShare.SelectMany(c => index.PopularIn(c.Key).Take(perCategory).Select(i => (i, c.Value * index.PopularityInCategory[i])))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.i);

    /// <summary>The most popular items right now.</summary>
    public static IEnumerable<int> Popular(PurchaseIndex index, int count) => index.PopularOrder.Take(count);

    /// <summary>The most popular items of the categories mentioned in the conversation.</summary>
    public static IEnumerable<int> MentionedCategories(PurchaseIndex index, RecommendationContext context, int perCategory) =>
        context.Categories.SelectMany(c => index.PopularIn(c).Take(perCategory));

    private static Dictionary<int, Evidence> Spread(PurchaseIndex index, IEnumerable<(string Item, double Weight)> seeds)
    {
        var result = new Dictionary<int, Evidence>();
        double total = 0;
        foreach (var (item, weight) in seeds)
        {
            total += weight;
            if (index.ItemNumber(item) is not { } seed)
            {
                continue;
            }
            foreach (var (neighbour, similarity) in index.Neighbours[seed])
            {
                double s = weight * similarity;
                var e = result.GetValueOrDefault(neighbour, new Evidence(0, 0, seed));
                result[neighbour] = new Evidence(e.Score + s, Math.Max(e.Strongest, s), s > e.Strongest ? seed : e.Because);
            }
        }
        if (total > 0)
        {
            foreach (var key in result.Keys.ToList())
            {
                result[key] = result[key] with { Score = result[key].Score / total };
            }
        }
        return result;
    }
}

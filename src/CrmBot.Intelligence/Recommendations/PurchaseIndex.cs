namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// What the purchase history says about items, as of one moment: which items customers buy together (cosine
/// similarity over the customer × item matrix, the strongest <see cref="RecommenderSettings.Neighbours"/> per item),
/// how popular each item is right now, overall and within its category, and each customer's own purchases.
/// Immutable once built, so one index serves any number of threads.
/// </summary>
public sealed class PurchaseIndex
{
    private readonly Dictionary<string, int> items;
    private readonly Dictionary<string, Purchase[]> histories;
    private readonly Dictionary<string, int[]> popularByCategory;

    private PurchaseIndex(DateTimeOffset asOf, RecommenderSettings settings, string[] itemIds, string[] categories, Dictionary<string, Purchase[]> histories,
        (int Item, float Similarity)[][] neighbours, float[] popularity, float[] popularityInCategory, int[] popularOrder, Dictionary<string, int[]> popularByCategory)
    {
        AsOf = asOf;
        Settings = settings;
        ItemIds = itemIds;
        Categories = categories;
        items = itemIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        this.histories = histories;
        Neighbours = neighbours;
        Popularity = popularity;
        PopularityInCategory = popularityInCategory;
        PopularOrder = popularOrder;
        this.popularByCategory = popularByCategory;
    }

    /// <summary>Only purchases before this moment are in the index.</summary>
    public DateTimeOffset AsOf { get; }
    public RecommenderSettings Settings { get; }
    public IReadOnlyList<string> ItemIds { get; }
    /// <summary>Each item's category, by item number.</summary>
    public IReadOnlyList<string> Categories { get; }
    /// <summary>Per item number: the items most often bought by the same customers, most similar first.</summary>
    public IReadOnlyList<(int Item, float Similarity)[]> Neighbours { get; }
    /// <summary>Recent purchases per item, time-decayed, 1 for the most popular item.</summary>
    public IReadOnlyList<float> Popularity { get; }
    /// <summary>Recent popularity relative to the most popular item of the same category.</summary>
    public IReadOnlyList<float> PopularityInCategory { get; }
    /// <summary>Item numbers, most popular first.</summary>
    public IReadOnlyList<int> PopularOrder { get; }
    public IEnumerable<string> Customers => histories.Keys;

    public int? ItemNumber(string id) => items.TryGetValue(id, out var i) ? i : null;

    /// <summary>The customer's purchases before <see cref="AsOf"/>, oldest first (empty for someone who bought nothing).</summary>
    public IReadOnlyList<Purchase> History(string customer) => histories.TryGetValue(customer, out var h) ? h : [];

    /// <summary>Item numbers of a category, most popular first.</summary>
    public IReadOnlyList<int> PopularIn(string category) => popularByCategory.TryGetValue(category, out var list) ? list : [];

    public static PurchaseIndex Build(IEnumerable<Purchase> purchases, DateTimeOffset asOf, RecommenderSettings? settings = null)
    {
        settings ??= new RecommenderSettings();
        var before = purchases.Where(p => p.At < asOf).OrderBy(p => p.At).ToList();
        var itemNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new List<string>();
        foreach (var p in before)
        {
            if (itemNumbers.TryAdd(p.Item, itemNumbers.Count))
            {
                categories.Add(p.Category);
            }
        }
        var histories = before.GroupBy(p => p.Customer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        int n = itemNumbers.Count;
        var customerItems = histories.Values.Select(h => h.Select(p => itemNumbers[p.Item]).Distinct().ToArray()).ToArray();
        var neighbours = Similarities(customerItems, n, settings);

        var popularity = new float[n];
        var recentFrom = asOf - settings.PopularityWindow;
        var recent = before.Where(p => p.At >= recentFrom).ToList();
        // A history with nothing recent (a data set that ended long ago) falls back to all-time popularity.
        foreach (var p in recent.Count > 0 ? recent : before)
        {
            popularity[itemNumbers[p.Item]] += (float)Decay(asOf - p.At, recent.Count > 0 ? settings.PopularityHalfLife : TimeSpan.MaxValue);
        }
        Normalise(popularity, Enumerable.Range(0, n));
        var inCategory = (float[])popularity.Clone();
        var byCategory = Enumerable.Range(0, n).GroupBy(i => categories[i], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => popularity[i]).ThenBy(i => i).ToArray(), StringComparer.Ordinal);
        foreach (var group in byCategory.Values)
        {
            Normalise(inCategory, group);
        }
        var order = Enumerable.Range(0, n).OrderByDescending(i => popularity[i]).ThenBy(i => i).ToArray();
        return new PurchaseIndex(asOf, settings, [.. itemNumbers.Keys], [.. categories], histories, neighbours, popularity, inCategory, order, byCategory);
    }

    /// <summary>2^(-age / half-life): 1 now, ½ one half-life ago.</summary>
    public static double Decay(TimeSpan age, TimeSpan halfLife) =>
        halfLife == TimeSpan.MaxValue ? 1 : Math.Pow(0.5, Math.Max(0, age.TotalDays) / halfLife.TotalDays);

    /// <summary>
    /// Cosine similarity of the items' buyer sets: customers who bought both over √(buyers of one × buyers of the other).
    /// One pass per item over its buyers' items, so the cost is the sum over customers of their distinct items squared.
    /// </summary>
    private static (int, float)[][] Similarities(int[][] customerItems, int n, RecommenderSettings settings)
    {
        var buyers = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            buyers[i] = [];
        }
        for (int c = 0; c < customerItems.Length; c++)
        {
            foreach (var i in customerItems[c])
            {
                buyers[i].Add(c);
            }
        }
        var result = new (int, float)[n][];
        var together = new int[n];
        var touched = new List<int>();
        for (int i = 0; i < n; i++)
        {
            foreach (var c in buyers[i])
            {
                foreach (var j in customerItems[c])
                {
                    if (j != i && together[j]++ == 0)
                    {
                        touched.Add(j);
                    }
                }
            }
            result[i] = touched.Where(j => together[j] >= settings.MinCustomersTogether)
                .Select(j => (j, (float)(together[j] / Math.Sqrt((double)buyers[i].Count * buyers[j].Count))))
                .OrderByDescending(x => x.Item2).ThenBy(x => x.j).Take(settings.Neighbours).ToArray();
            foreach (var j in touched)
            {
                together[j] = 0;
            }
            touched.Clear();
        }
        return result;
    }

    private static void Normalise(float[] values, IEnumerable<int> indices)
    {
        var list = indices as IReadOnlyCollection<int> ?? indices.ToList();
        float max = list.Count == 0 ? 0 : list.Max(i => values[i]);
        if (max <= 0)
        {
            return;
        }
        foreach (var i in list)
        {
            values[i] /= max;
        }
    }
}

using CrmBot.Intelligence.Recommendations;

namespace CrmBot.Tests.Recommendations;

/// <summary>Small purchase histories written out for the recommender's unit tests, all relative to one moment.</summary>
internal static class Purchases
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static Purchase Buy(string customer, string item, string category, double daysAgo = 10, double price = 50) =>
        new(customer, item, category, Now.AddDays(-daysAgo), 1, price);

    /// <summary>Customers c{from}..c{to} each bought every one of the items (item id, category).</summary>
    public static IEnumerable<Purchase> Each(int from, int to, params (string Item, string Category)[] items) =>
        Enumerable.Range(from, to - from + 1).SelectMany(c => items.Select(i => Buy($"c{c}", i.Item, i.Category)));

    /// <summary>A catalogue of every item in the purchases, named after its id, priced as last bought, all available unless listed.</summary>
    public static Dictionary<string, CatalogueItem> Catalogue(IEnumerable<Purchase> purchases, params string[] unavailable) =>
        purchases.GroupBy(p => p.Item).ToDictionary(g => g.Key,
            g => new CatalogueItem(g.Key, g.Key, g.First().Category, Names.GetValueOrDefault(g.First().Category, g.First().Category), g.Last().Price, !unavailable.Contains(g.Key)));

    private static readonly Dictionary<string, string> Names = new() { ["audio"] = "Audio", ["laptops"] = "Laptops", ["tvs"] = "TVs", ["accessories"] = "Computer Accessories" };
}

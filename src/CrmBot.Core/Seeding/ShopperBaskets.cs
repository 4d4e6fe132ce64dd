using Bogus;
using CrmBot.Core.Customers;
using CrmBot.Core.Products;

namespace CrmBot.Core.Seeding;

/// <summary>
/// One generated customer's shopping habits, so the demo history has the patterns real order data has and a
/// recommender can learn: a taste for one to three categories, things bought together (a console with a controller,
/// a bulb with a smart plug, see <see cref="Companions"/>), later orders that add to what they own, no second copy
/// of a durable product, and repeat buys of cheap consumables (cables, bulbs). Orders must be asked for in date order.
/// </summary>
internal sealed class ShopperBaskets
{
    private const double FavouriteShare = 0.75, FollowUpShare = 0.3, RepeatShare = 0.12, CompanionShare = 0.6;
    private const decimal ConsumableBelow = 25m;
    private static readonly int[] FavouriteCounts = [1, 2, 3];
    private static readonly double[] FavouriteCountWeights = [0.4, 0.4, 0.2];
    private static readonly double[] FavouriteWeights = [0.6, 0.3, 0.1];

    private readonly Randomizer random;
    private readonly IReadOnlyDictionary<string, Product> bySku;
    private readonly string[] favourites;
    private readonly List<Product> owned = [];

    public ShopperBaskets(Randomizer random, IReadOnlyList<Product> products)
    {
        this.random = random;
        bySku = products.ToDictionary(p => p.Sku, StringComparer.Ordinal);
        var categories = products.GroupBy(p => p.CategorySlug).Select(g => (Slug: g.Key, Weight: (double)g.Sum(p => p.Popularity))).ToList();
        var count = random.Weighted(FavouriteCounts, FavouriteCountWeights);
        var chosen = new List<string>();
        while (chosen.Count < Math.Min(count, categories.Count))
        {
            var left = categories.Where(c => !chosen.Contains(c.Slug)).ToList();
            chosen.Add(random.Weighted([.. left.Select(c => c.Slug)], [.. left.Select(c => c.Weight)]));
        }
        favourites = [.. chosen];
    }

    /// <summary>The lines of the customer's next order.</summary>
    public List<(Product Product, int Quantity)> Next(OrderGenerator generator, CustomerTier tier)
    {
        var first = FirstProduct(generator, tier);
        var lines = new List<(Product Product, int Quantity)> { (first, generator.Quantity(first)) };
        var count = generator.LineCount();
        for (var attempt = 0; lines.Count < count && attempt < count * 4; attempt++)
        {
            var companions = CompanionsOf(first).Where(p => lines.TrueForAll(l => l.Product.Id != p.Id) && !OwnsDurable(p)).ToList();
            var product = companions.Count > 0 && random.Bool((float)CompanionShare)
                ? generator.PickProduct(tier, companions.Contains, addOn: true)
                : generator.PickProduct(tier, addOn: true);
            if (lines.TrueForAll(l => l.Product.Id != product.Id)) lines.Add((product, generator.Quantity(product)));
        }
        owned.AddRange(lines.Select(l => l.Product));
        return lines;
    }

    private Product FirstProduct(OrderGenerator generator, CustomerTier tier)
    {
        var consumables = owned.Where(p => p.Price < ConsumableBelow).Distinct().ToList();
        if (consumables.Count > 0 && random.Bool((float)RepeatShare)) return random.ArrayElement([.. consumables]);
        var followUps = owned.SelectMany(CompanionsOf).Where(p => !OwnsDurable(p)).Distinct().ToList();
        if (followUps.Count > 0 && random.Bool((float)FollowUpShare)) return generator.PickProduct(tier, followUps.Contains);
        Product pick = null!;
        for (var attempt = 0; attempt < 3 && (pick is null || OwnsDurable(pick)); attempt++)
        {
            pick = random.Bool((float)FavouriteShare)
                ? generator.PickProduct(tier, p => p.CategorySlug == Favourite())
                : generator.PickProduct(tier);
        }
        return pick;
    }

    private string Favourite() => random.Weighted(favourites, FavouriteWeights.Take(favourites.Length).ToArray());

    private bool OwnsDurable(Product product) => product.Price >= ConsumableBelow && owned.Exists(p => p.Id == product.Id);

    private IEnumerable<Product> CompanionsOf(Product product) =>
        (Companions.TryGetValue(product.Sku, out var skus) ? skus : []).Select(s => bySku.GetValueOrDefault(s)).OfType<Product>();

    /// <summary>What people buy with each product, in the same order or a later one. Demo data, like the catalogue.</summary>
    private static readonly Dictionary<string, string[]> Companions = new(StringComparer.Ordinal)
    {
        ["LAP-001"] = ["ACC-006", "ACC-007", "ACC-003", "ACC-004"],
        ["LAP-002"] = ["ACC-001", "ACC-003", "ACC-004", "ACC-006"],
        ["LAP-003"] = ["ACC-001", "ACC-003", "ACC-004", "ACC-005"],
        ["LAP-004"] = ["ACC-006", "ACC-008", "AUD-005"],
        ["LAP-005"] = ["ACC-007", "ACC-006", "ACC-003"],
        ["LAP-006"] = ["ACC-002", "ACC-005", "GAM-008", "ACC-006"],
        ["LAP-007"] = ["ACC-002", "ACC-005", "GAM-008", "ACC-006"],
        ["LAP-008"] = ["ACC-006", "ACC-008", "ACC-003"],
        ["LAP-009"] = ["ACC-006", "ACC-007", "AUD-005"],
        ["PHN-001"] = ["AUD-002", "ACC-007", "WEA-001", "ACC-008"],
        ["PHN-002"] = ["AUD-002", "ACC-007", "WEA-002", "AUD-001"],
        ["PHN-003"] = ["AUD-003", "ACC-008", "WEA-004"],
        ["PHN-004"] = ["AUD-002", "WEA-002", "ACC-007"],
        ["PHN-005"] = ["AUD-002", "ACC-007", "WEA-001"],
        ["PHN-006"] = ["AUD-002", "ACC-003", "ACC-007"],
        ["PHN-007"] = ["AUD-005", "ACC-008", "WEA-005"],
        ["PHN-008"] = ["AUD-003", "ACC-008", "WEA-004"],
        ["PHN-009"] = ["ACC-008"],
        ["TAB-001"] = ["AUD-002", "ACC-007", "SMH-001"],
        ["TAB-002"] = ["ACC-005", "ACC-006", "AUD-001"],
        ["TAB-003"] = ["ACC-008"],
        ["TAB-004"] = ["ACC-003", "ACC-007"],
        ["TAB-005"] = ["AUD-003", "GAM-004"],
        ["TAB-006"] = ["ACC-008", "AUD-005"],
        ["TAB-007"] = ["WEA-007", "WEA-005", "AUD-005"],
        ["TAB-008"] = ["ACC-003", "ACC-001"],
        ["TV-001"] = ["SMH-001", "ACC-008"],
        ["TV-002"] = ["SMH-001", "GAM-002"],
        ["TV-003"] = ["AUD-008", "GAM-002", "SMH-001"],
        ["TV-004"] = ["AUD-008", "GAM-001", "SMH-001"],
        ["TV-005"] = ["AUD-008", "GAM-001", "GAM-004"],
        ["TV-006"] = ["AUD-008", "AUD-009", "GAM-001"],
        ["TV-007"] = ["AUD-009", "GAM-001", "GAM-004"],
        ["TV-008"] = ["AUD-009", "GAM-001", "GAM-006"],
        ["TV-009"] = ["AUD-009", "GAM-001"],
        ["AUD-001"] = ["ACC-007", "AUD-006"],
        ["AUD-002"] = ["ACC-007", "WEA-001"],
        ["AUD-003"] = ["WEA-004", "WEA-006"],
        ["AUD-004"] = ["ACC-008"],
        ["AUD-006"] = ["SMH-001", "ACC-008"],
        ["AUD-007"] = ["AUD-006", "SMH-001"],
        ["AUD-008"] = ["TV-005", "SMH-001"],
        ["AUD-009"] = ["TV-007", "TV-008"],
        ["CAM-001"] = ["CAM-003", "ACC-003"],
        ["CAM-002"] = ["CAM-003", "ACC-003"],
        ["CAM-004"] = ["ACC-003", "ACC-008"],
        ["CAM-006"] = ["ACC-003", "ACC-008"],
        ["CAM-007"] = ["ACC-003", "ACC-007"],
        ["CAM-008"] = ["ACC-003", "CAM-006"],
        ["GAM-001"] = ["GAM-004", "GAM-005", "GAM-008", "GAM-007"],
        ["GAM-002"] = ["GAM-004", "GAM-005", "GAM-008"],
        ["GAM-003"] = ["GAM-008", "ACC-007"],
        ["GAM-004"] = ["GAM-005"],
        ["GAM-006"] = ["GAM-004", "GAM-008"],
        ["GAM-007"] = ["GAM-005"],
        ["SMH-001"] = ["SMH-005", "SMH-008", "SMH-007"],
        ["SMH-002"] = ["SMH-003", "SMH-005", "SMH-004"],
        ["SMH-003"] = ["SMH-002", "SMH-004"],
        ["SMH-004"] = ["SMH-002", "SMH-003"],
        ["SMH-005"] = ["SMH-001", "SMH-008", "SMH-002"],
        ["SMH-006"] = ["SMH-001", "SMH-008"],
        ["SMH-007"] = ["SMH-001", "SMH-008"],
        ["SMH-008"] = ["SMH-005", "SMH-001"],
        ["WEA-001"] = ["AUD-002", "ACC-007"],
        ["WEA-002"] = ["AUD-002", "ACC-007"],
        ["WEA-004"] = ["AUD-003"],
        ["WEA-006"] = ["AUD-003", "WEA-004"],
        ["WEA-007"] = ["TAB-007"],
        ["ACC-001"] = ["ACC-004", "ACC-005", "ACC-006"],
        ["ACC-002"] = ["ACC-005", "GAM-008", "ACC-006"],
        ["ACC-004"] = ["ACC-001", "ACC-008"],
        ["ACC-005"] = ["ACC-006"],
        ["ACC-007"] = ["ACC-008"],
    };
}

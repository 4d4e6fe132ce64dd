using Bogus;
using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;

namespace CrmBot.Core.Seeding;

/// <summary>Spreads about a target number of orders over customers and the last two years, the way a retailer's history looks, each customer buying by their habits.</summary>
internal static class OrderHistory
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(730);

    private static readonly int[] Hours = [.. Enumerable.Range(0, 24)];
    // Online shopping peaks in the evening and dips overnight.
    private static readonly double[] HourWeights = [2, 1, 0.6, 0.4, 0.4, 0.5, 1, 2, 3, 4, 5, 5, 6, 6, 5, 5, 5, 6, 7, 8, 9, 9, 7, 4];

    public static List<Order> Create(Randomizer random, OrderGenerator generator, IReadOnlyList<Product> products, DateTimeOffset now, IReadOnlyList<Customer> customers, int target)
    {
        // Higher tiers buy more often; some customers are keener than others; nobody orders before their account exists.
        var activeFrom = customers.Select(c => c.CreatedAt > now - Window ? c.CreatedAt : now - Window).ToArray();
        var rate = customers.Select((c, i) => TierRate(c.Tier) * random.Double(0.3, 1.7) * ((now - activeFrom[i]) / Window)).ToArray();
        var scale = target / rate.Sum();

        var orders = new List<Order>(target + 200);
        for (var i = 0; i < customers.Count; i++)
        {
            var count = Poisson(random, rate[i] * scale);
            var times = Enumerable.Range(0, count).Select(_ => PlacedBetween(random, activeFrom[i], now)).Order().ToList();
            // Each customer shops by their own habits, one order after another, so later baskets build on earlier ones.
            var baskets = new ShopperBaskets(random, products);
            foreach (var placedAt in times) orders.Add(generator.CreateFor(customers[i], baskets, placedAt));
        }
        return orders;
    }

    private static double TierRate(CustomerTier tier) => tier switch
    {
        CustomerTier.Standard => 1.0,
        CustomerTier.Silver => 2.5,
        CustomerTier.Gold => 5.0,
        _ => 9.0,
    };

    private static DateTimeOffset PlacedBetween(Randomizer random, DateTimeOffset from, DateTimeOffset to)
    {
        var day = from + (to - from) * random.Double();
        var placed = OrderGenerator.AtHour(day, random.Weighted(Hours, HourWeights) + random.Double());
        return placed >= from && placed < to ? placed : day;
    }

    // Knuth's method: fine for the small means used here (well under 100).
    private static int Poisson(Randomizer random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.Double(); p > limit; p *= random.Double()) k++;
        return k;
    }
}

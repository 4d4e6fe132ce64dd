using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;

namespace CrmBot.Core.Seeding;

/// <summary>
/// The customers docs and tests talk about by name: Alice Morgan (Gold) has one order in every status with fixed numbers,
/// Victor Hale (VIP) a few ordinary ones. Their timelines are written out rather than drawn so each status is always there.
/// </summary>
internal static class DemoCustomers
{
    public static Customer Alice(DateTimeOffset now) => new()
    {
        FirstName = "Alice",
        LastName = "Morgan",
        Email = DemoDataSeeder.DemoCustomerEmail,
        Phone = "07700 900123",
        AddressLine1 = "27 Portland Street",
        City = "Manchester",
        Postcode = "M1 4BT",
        Tier = CustomerTier.Gold,
        MarketingConsent = true,
        CreatedAt = now - TimeSpan.FromDays(1180),
    };

    public static Customer Victor(DateTimeOffset now) => new()
    {
        FirstName = "Victor",
        LastName = "Hale",
        Email = DemoDataSeeder.DemoVipEmail,
        Phone = "020 7946 0457",
        AddressLine1 = "8 Elm Grove",
        City = "London",
        Postcode = "SW19 4HE",
        Tier = CustomerTier.Vip,
        MarketingConsent = false,
        CreatedAt = now - TimeSpan.FromDays(1650),
    };

    public static IEnumerable<Order> AliceOrders(Customer alice, OrderGenerator generator, IReadOnlyList<Product> products, DateTimeOffset now)
    {
        var day = TimeSpan.FromDays(1);
        Order Basket(string number, DateTimeOffset placedAt, params string[] categories) =>
            generator.CreateBasket(alice, number, placedAt, [.. categories.Select(c => (BestSeller(products, c), 1))]);
        void Ship(Order order, DateTimeOffset shippedAt, DateTimeOffset estimatedAt)
        {
            var (carrier, tracking) = generator.DrawShipment(order.DeliveryMethod);
            OrderGenerator.MarkShipped(order, carrier, tracking, shippedAt, estimatedAt);
        }
        void Deliver(Order order, DateTimeOffset placedAt, DateTimeOffset deliveredAt)
        {
            Ship(order, placedAt + TimeSpan.FromHours(20), OrderGenerator.AtHour(deliveredAt, 18));
            OrderGenerator.MarkDelivered(order, deliveredAt);
        }

        yield return Basket(DemoDataSeeder.DemoProcessingOrderNumber, now - TimeSpan.FromHours(2), "laptops", "accessories");

        var shipped = Basket(DemoDataSeeder.DemoShippedOrderNumber, now - TimeSpan.FromHours(28.5), "audio");
        var shippedAt = now - TimeSpan.FromHours(13.75);
        Ship(shipped, shippedAt, OrderGenerator.AtHour(WorkingDays.Add(shippedAt, 2), 18));
        yield return shipped;

        var recent = Basket(DemoDataSeeder.DemoRecentDeliveredOrderNumber, now - 12 * day + TimeSpan.FromHours(19.3), "smart-home");
        Deliver(recent, recent.PlacedAt, now - 9 * day + TimeSpan.FromHours(13.5));
        yield return recent;

        var older = Basket(DemoDataSeeder.DemoOlderDeliveredOrderNumber, now - 75 * day + TimeSpan.FromHours(12.6), "tvs");
        Deliver(older, older.PlacedAt, now - 70 * day + TimeSpan.FromHours(11));
        yield return older;

        var cancelled = Basket(DemoDataSeeder.DemoCancelledOrderNumber, now - 40 * day + TimeSpan.FromHours(21.2), "tablets");
        yield return OrderGenerator.MarkCancelled(cancelled, cancelled.PlacedAt + TimeSpan.FromHours(3));

        var returned = Basket(DemoDataSeeder.DemoReturnedOrderNumber, now - 21 * day + TimeSpan.FromHours(8.9), "wearables");
        Deliver(returned, returned.PlacedAt, now - 18 * day + TimeSpan.FromHours(15));
        OrderGenerator.MarkReturned(returned, now - 3 * day + TimeSpan.FromHours(10), "Changed my mind", RefundStatus.Requested);
        yield return returned;

        var refunded = Basket(DemoDataSeeder.DemoRefundedOrderNumber, now - 60 * day + TimeSpan.FromHours(20.4), "cameras");
        Deliver(refunded, refunded.PlacedAt, now - 56 * day + TimeSpan.FromHours(12));
        OrderGenerator.MarkReturned(refunded, now - 50 * day + TimeSpan.FromHours(9), "Faulty on arrival", RefundStatus.Received);
        OrderGenerator.MarkRefunded(refunded, now - 44 * day + TimeSpan.FromHours(16), OrderGenerator.RefundAmount(refunded, faulty: true, alice.Tier));
        yield return refunded;
    }

    public static IEnumerable<Order> VictorOrders(Customer victor, OrderGenerator generator, DateTimeOffset now)
    {
        foreach (var daysAgo in (double[])[4.3, 27.6, 96.2, 211.8, 415.4])
            yield return generator.CreateRandom(victor, now - TimeSpan.FromDays(daysAgo));
    }

    /// <summary>The category's most popular product, so the demo orders read naturally whatever the catalogue holds.</summary>
    private static Product BestSeller(IReadOnlyList<Product> products, string categorySlug) =>
        products.Where(p => p.CategorySlug == categorySlug).OrderByDescending(p => p.Popularity).ThenBy(p => p.Sku, StringComparer.Ordinal).FirstOrDefault()
        ?? products.OrderByDescending(p => p.Popularity).ThenBy(p => p.Sku, StringComparer.Ordinal).First();
}

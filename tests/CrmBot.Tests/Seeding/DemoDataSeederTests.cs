using System.Text.RegularExpressions;
using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Seeding;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Products;

namespace CrmBot.Tests.Seeding;

[Collection(SeededStoreCollection.Name)]
public sealed partial class DemoDataSeederTests(SeededStoreFixture fixture, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Today = new(SeededStoreFixture.Now.UtcDateTime.Date, TimeSpan.Zero);

    [Fact]
    public async Task Seeding_an_empty_store_creates_a_believable_shop()
    {
        await using var db = fixture.Store.Open();
        var summary = fixture.Store.Summary;
        output.WriteLine($"Migrate + seed took {fixture.Store.InitializationTime.TotalSeconds:F1} s: {summary}");

        Assert.True(summary.Seeded);
        Assert.InRange(await db.Customers.CountAsync(), 950, 1050);
        Assert.Equal(CatalogFile.LoadEmbedded().Products.Count, await db.Products.CountAsync());
        Assert.InRange(await db.Products.CountAsync(), 80, 90);
        Assert.InRange(await db.Orders.CountAsync(), 9_500, 10_500);
        Assert.True(await db.KnowledgeArticles.CountAsync() >= 50);
        Assert.Equal(summary.Orders, await db.Orders.CountAsync());
        Assert.Equal(fixture.Store.Knowledge.ArticleCount, summary.Articles);
    }

    [Fact]
    public void Seeding_ten_thousand_orders_takes_seconds_not_minutes()
    {
        // About 3 s warm on a busy two-core machine; the bound is generous because the whole suite seeds several stores at once.
        // It still catches a fall back to per-row SaveChanges with change detection, which takes minutes.
        Assert.True(fixture.Store.InitializationTime < TimeSpan.FromSeconds(60), $"took {fixture.Store.InitializationTime}");
    }

    [Fact]
    public async Task Seeding_a_store_that_has_customers_changes_nothing()
    {
        await using var db = fixture.Store.Open();
        var before = await db.Orders.CountAsync();

        var summary = await fixture.Store.Seeder.SeedAsync(db, CancellationToken.None);

        Assert.False(summary.Seeded);
        Assert.Equal(before, await db.Orders.CountAsync());
        Assert.Equal(before, summary.Orders);
    }

    [Fact]
    public async Task Alice_Morgan_is_the_first_customer_and_has_an_order_in_every_status()
    {
        await using var db = fixture.Store.Open();
        var alice = await db.Customers.OrderBy(c => c.Id).FirstAsync();
        var orders = await db.Orders.Where(o => o.CustomerId == alice.Id).Include(o => o.Lines).ToListAsync();

        Assert.Equal(("Alice", "Morgan", DemoDataSeeder.DemoCustomerEmail), (alice.FirstName, alice.LastName, alice.Email));
        Assert.Equal(("M1 4BT", "Manchester", CustomerTier.Gold), (alice.Postcode, alice.City, alice.Tier));
        Assert.All(Enum.GetValues<OrderStatus>(), status => Assert.Contains(orders, o => o.Status == status));
        Assert.Contains(orders, o => o.Status == OrderStatus.Delivered && o.DeliveredAt > Today.AddDays(-30));
        Assert.Contains(orders, o => o.Status == OrderStatus.Delivered && o.DeliveredAt < Today.AddDays(-30));
        Assert.All(orders, o => Assert.NotEmpty(o.Lines));
        var shipped = Assert.Single(orders, o => o.Number == DemoDataSeeder.DemoShippedOrderNumber);
        Assert.Equal(OrderStatus.Shipped, shipped.Status);
        Assert.True(shipped.EstimatedDeliveryAt > SeededStoreFixture.Now);
    }

    [Fact]
    public async Task Victor_Hale_is_a_VIP_with_a_few_orders()
    {
        await using var db = fixture.Store.Open();
        var victor = await db.Customers.SingleAsync(c => c.Email == DemoDataSeeder.DemoVipEmail);

        Assert.Equal(("Victor", "Hale", CustomerTier.Vip), (victor.FirstName, victor.LastName, victor.Tier));
        Assert.InRange(await db.Orders.CountAsync(o => o.CustomerId == victor.Id), 3, 10);
    }

    [Fact]
    public async Task Every_shipped_order_has_a_carrier_and_a_tracking_number()
    {
        await using var db = fixture.Store.Open();
        var shipped = await db.Orders.Where(o => o.Status == OrderStatus.Shipped).ToListAsync();

        Assert.NotEmpty(shipped);
        Assert.All(shipped, o =>
        {
            Assert.Contains(o.Carrier, new[] { "Royal Mail", "DPD", "DHL", "Evri" });
            Assert.False(string.IsNullOrWhiteSpace(o.TrackingNumber));
            Assert.NotNull(o.ShippedAt);
            Assert.True(o.EstimatedDeliveryAt > o.ShippedAt);
        });
    }

    [Fact]
    public async Task Order_numbers_never_repeat_and_read_BW_dash_six_digits()
    {
        await using var db = fixture.Store.Open();
        var numbers = await db.Orders.Select(o => o.Number).ToListAsync();

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches(OrderNumber(), n));
    }

    [Fact]
    public async Task Order_status_follows_from_the_order_age()
    {
        await using var db = fixture.Store.Open();
        var orders = await db.Orders.ToListAsync();
        var old = orders.Where(o => o.PlacedAt < Today.AddDays(-60)).ToList();
        double Share(OrderStatus status) => old.Count(o => o.Status == status) / (double)old.Count;

        Assert.All(orders, o => Assert.True(o.PlacedAt < Today && o.PlacedAt > Today.AddDays(-731)));
        Assert.All(orders.Where(o => o.Status == OrderStatus.Processing), o => Assert.True(o.PlacedAt > Today.AddDays(-4)));
        Assert.DoesNotContain(old, o => o.Status is OrderStatus.Processing or OrderStatus.Shipped);
        Assert.InRange(Share(OrderStatus.Delivered), 0.80, 0.92);
        Assert.InRange(Share(OrderStatus.Cancelled), 0.04, 0.08);
        Assert.InRange(Share(OrderStatus.Returned), 0.03, 0.07);
        Assert.InRange(Share(OrderStatus.Refunded), 0.015, 0.045);
        Assert.All(orders.Where(o => o.Status == OrderStatus.Delivered), o => Assert.True(o.DeliveredAt <= Today && o.DeliveredAt > o.ShippedAt));
        Assert.All(orders.Where(o => o.Status == OrderStatus.Returned), o =>
            Assert.True(o.ReturnRequestedAt > o.DeliveredAt && o.ReturnReason is not null && o.RefundStatus is RefundStatus.Requested or RefundStatus.Received));
        Assert.All(orders.Where(o => o.Status == OrderStatus.Refunded), o =>
            Assert.True(o.RefundStatus == RefundStatus.Refunded && o.RefundAmount > 0 && o.RefundAmount <= o.Total && o.RefundedAt > o.ReturnRequestedAt));
        Assert.All(orders.Where(o => o.Status == OrderStatus.Cancelled), o => Assert.True(o.CancelledAt > o.PlacedAt && o.ShippedAt is null));
    }

    [Fact]
    public async Task Delivery_cost_follows_the_price_list_with_free_standard_delivery_from_50_pounds()
    {
        await using var db = fixture.Store.Open();
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.Customer).ToListAsync();

        Assert.All(orders, o =>
        {
            var subtotal = o.Lines.Sum(l => l.UnitPrice * l.Quantity);
            Assert.Equal(subtotal + o.DeliveryCost, o.Total);
            Assert.InRange(o.Lines.Count, 1, 4);
            var expected = o.DeliveryMethod switch
            {
                "Standard" => subtotal >= 50m ? 0m : 3.99m,
                "Express" => o.Customer!.Tier == CustomerTier.Vip ? 0m : 7.99m,
                "Nominated day" => 9.99m,
                "Two-person" => 19.99m,
                _ => -1m,
            };
            Assert.Equal(expected, o.DeliveryCost);
        });
        var payments = orders.Select(o => o.PaymentMethod).ToHashSet();
        Assert.Subset(new HashSet<string> { "Visa", "Mastercard", "American Express", "PayPal", "Apple Pay", "Google Pay", "Klarna", "Gift card" }, payments);
    }

    [Fact]
    public async Task Higher_tiers_buy_pricier_items_and_spend_more()
    {
        await using var db = fixture.Store.Open();
        var byTier = await db.Customers.GroupBy(c => c.Tier)
            .Select(g => new { Tier = g.Key, Customers = g.Count(), AverageValue = g.Average(c => (double)c.LifetimeValue) })
            .ToDictionaryAsync(x => x.Tier);
        var total = byTier.Values.Sum(x => x.Customers);

        Assert.InRange(byTier[CustomerTier.Standard].Customers / (double)total, 0.64, 0.76);
        Assert.InRange(byTier[CustomerTier.Vip].Customers / (double)total, 0.02, 0.06);
        Assert.True(byTier[CustomerTier.Standard].AverageValue < byTier[CustomerTier.Silver].AverageValue);
        Assert.True(byTier[CustomerTier.Gold].AverageValue < byTier[CustomerTier.Vip].AverageValue);
    }

    [Fact]
    public async Task Lifetime_value_is_the_sum_of_the_customers_orders_that_were_not_cancelled()
    {
        await using var db = fixture.Store.Open();
        var spent = (await db.Orders.Where(o => o.Status != OrderStatus.Cancelled).Select(o => new { o.CustomerId, o.Total }).ToListAsync())
            .GroupBy(o => o.CustomerId!.Value).ToDictionary(g => g.Key, g => g.Sum(o => o.Total));
        var customers = await db.Customers.ToListAsync();

        Assert.All(customers, c => Assert.Equal(spent.GetValueOrDefault(c.Id), c.LifetimeValue, 2));
    }

    [Fact]
    public async Task Customers_have_unique_example_emails_UK_phones_and_postcodes()
    {
        await using var db = fixture.Store.Open();
        var customers = await db.Customers.ToListAsync();

        Assert.Equal(customers.Count, customers.Select(c => c.Email.ToLowerInvariant()).Distinct().Count());
        Assert.All(customers, c =>
        {
            Assert.Matches(ExampleEmail(), c.Email);
            Assert.Matches(UkPhone(), c.Phone!);
            Assert.Matches(UkPostcode(), c.Postcode);
            Assert.True(c.CreatedAt <= SeededStoreFixture.Now && c.CreatedAt > SeededStoreFixture.Now.AddYears(-5).AddDays(-1));
        });
        Assert.InRange(customers.Count(c => c.MarketingConsent) / (double)customers.Count, 0.48, 0.62);
    }

    [Fact]
    public async Task Six_agents_cover_every_skill_at_least_twice()
    {
        await using var db = fixture.Store.Open();
        var agents = await db.Agents.ToListAsync();

        Assert.Equal(6, agents.Count);
        foreach (var skill in new[] { "orders", "billing", "returns", "technical", "accounts" })
            Assert.True(agents.Count(a => a.Skills.Split(',').Contains(skill)) >= 2, skill);
        Assert.All(agents, a => Assert.EndsWith("@brightwave.example", a.Email));
    }

    [GeneratedRegex(@"^BW-\d{6}$")]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"^[a-z]+\.[a-z]+\d*@example\.(com|org|net)$")]
    private static partial Regex ExampleEmail();

    [GeneratedRegex(@"^0\d{2,4} \d{3,4} ?\d{3,4}$")]
    private static partial Regex UkPhone();

    [GeneratedRegex(@"^[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}$")]
    private static partial Regex UkPostcode();
}

using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Orders;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Tests.Profiles;

/// <summary>
/// A small CRM store for profile tests: the suite's store (<see cref="TestDatabases"/>) of a temp folder, migrated as the app migrates it, filled
/// by the test with customers, orders, conversations and escalations at times relative to <see cref="Now"/>.
/// </summary>
public sealed class ProfileStore : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private int orders;

    private ProfileStore(string directory) => Directory = directory;

    public string Directory { get; }

    public static async Task<ProfileStore> CreateAsync()
    {
        var store = new ProfileStore(Path.Combine(Path.GetTempPath(), "crmbot-profiles-" + Guid.NewGuid().ToString("N")));
        System.IO.Directory.CreateDirectory(store.Directory);
        await using var db = store.Open();
        await db.Database.MigrateAsync();
        return store;
    }

    public CrmDbContext Open() => TestDatabases.Open(Directory);

    public static DateTimeOffset DaysAgo(double days) => Now - TimeSpan.FromDays(days);

    public async Task<Customer> CustomerAsync(string name, CustomerTier tier = CustomerTier.Standard, double createdDaysAgo = 800)
    {
        await using var db = Open();
        var customer = new Customer
        {
            FirstName = name, LastName = "Fixture", Email = $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.test",
            AddressLine1 = "1 Test Street", City = "Leeds", Postcode = "LS1 1AA", Tier = tier, CreatedAt = DaysAgo(createdDaysAgo),
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    /// <summary>An order placed <paramref name="daysAgo"/> days before <see cref="Now"/>; change it with <paramref name="change"/>.</summary>
    public async Task<Order> OrderAsync(Customer customer, double daysAgo, decimal total, Action<Order>? change = null)
    {
        var order = NewOrder(customer, daysAgo, total);
        change?.Invoke(order);
        await using var db = Open();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    /// <summary>Delivered orders, saved together.</summary>
    public async Task OrdersAsync(Customer customer, IEnumerable<(double DaysAgo, decimal Total)> orders)
    {
        await using var db = Open();
        db.Orders.AddRange(orders.Select(o => NewOrder(customer, o.DaysAgo, o.Total)));
        await db.SaveChangesAsync();
    }

    private Order NewOrder(Customer customer, double daysAgo, decimal total) => new()
    {
        Number = $"BW-T{Interlocked.Increment(ref orders):00000}", CustomerId = customer.Id, PlacedAt = DaysAgo(daysAgo), Status = OrderStatus.Delivered,
        DeliveryMethod = "Standard", Total = total, PaymentMethod = "Visa", ShipToName = customer.FullName,
        ShipToAddressLine1 = customer.AddressLine1, ShipToCity = customer.City, ShipToPostcode = customer.Postcode,
    };

    public async Task<Conversation> ConversationAsync(Customer customer, double daysAgo, double sentiment, string? topic = null, bool escalated = false)
    {
        await using var db = Open();
        var conversation = new Conversation
        {
            Id = Guid.NewGuid(), Channel = "webchat", ChannelConversationId = Guid.NewGuid().ToString("N"), CustomerId = customer.Id,
            StartedAt = DaysAgo(daysAgo), LastActivityAt = DaysAgo(daysAgo), Sentiment = sentiment, Topic = topic,
            Status = escalated ? ConversationStatus.Escalated : ConversationStatus.Closed,
        };
        db.Conversations.Add(conversation);
        if (escalated)
        {
            db.Escalations.Add(Escalation.Open($"ESC-{Guid.NewGuid():N}"[..10], conversation.Id, customer.Id, EscalationReason.NegativeSentiment,
                "test", "general", topic, 3, sentiment, DaysAgo(daysAgo)));
        }
        await db.SaveChangesAsync();
        return conversation;
    }

    public ValueTask DisposeAsync()
    {
        TestDirectories.Delete(Directory);
        return ValueTask.CompletedTask;
    }
}

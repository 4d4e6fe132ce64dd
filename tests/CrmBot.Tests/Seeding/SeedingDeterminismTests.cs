using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using CrmBot.Core.Orders;
using CrmBot.Core.Customers;

namespace CrmBot.Tests.Seeding;

public sealed class SeedingDeterminismTests
{
    [Fact]
    public async Task The_same_date_gives_the_same_data_whatever_the_time_of_day()
    {
        var morning = new DateTimeOffset(2026, 3, 10, 7, 5, 0, TimeSpan.Zero);
        await using var first = await TestStore.CreateSeededAsync(morning);
        await using var second = await TestStore.CreateSeededAsync(morning.AddHours(14));

        Assert.Equal(await FingerprintAsync(first), await FingerprintAsync(second));
    }

    [Fact]
    public async Task Reset_empties_conversations_and_escalations_and_seeds_the_same_data_again()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await using var store = await TestStore.CreateSeededAsync(now);
        var seeded = await FingerprintAsync(store);
        await using (var db = store.Open())
        {
            var alice = await db.Customers.SingleAsync(c => c.Email == DemoDataSeeder.DemoCustomerEmail);
            var conversation = new Conversation { Id = Guid.NewGuid(), Channel = "webchat", ChannelConversationId = "c-1", CustomerId = alice.Id, StartedAt = now, LastActivityAt = now };
            db.Conversations.Add(conversation);
            db.Interactions.Add(new Interaction { Conversation = conversation, Text = "where is my order", Timestamp = now });
            db.Escalations.Add(Escalation.Open("ESC-TEST01", conversation.Id, alice.Id, EscalationReason.CustomerRequest, "test", "orders", null, 3, null, now));
            db.Customers.Add(new() { FirstName = "Extra", LastName = "Customer", Email = "extra@example.com", AddressLine1 = "1 High Street", City = "Leeds", Postcode = "LS1 1AA" });
            await db.SaveChangesAsync();
        }

        SeedSummary summary;
        await using (var db = store.Open()) summary = await store.Seeder.ResetAsync(db, CancellationToken.None);

        await using var after = store.Open();
        Assert.True(summary.Seeded);
        Assert.Equal(0, await after.Conversations.CountAsync());
        Assert.Equal(0, await after.Interactions.CountAsync());
        Assert.Equal(0, await after.Escalations.CountAsync());
        Assert.False(await after.Customers.AnyAsync(c => c.Email == "extra@example.com"));
        Assert.Equal(1, (await after.Customers.SingleAsync(c => c.Email == DemoDataSeeder.DemoCustomerEmail)).Id);
        Assert.Equal(seeded, await FingerprintAsync(store));
    }

    /// <summary>Everything a user could see of customers and orders, as one comparable string per row.</summary>
    private static async Task<List<string>> FingerprintAsync(TestStore store)
    {
        await using var db = store.Open();
        var customers = await db.Customers.OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.AddressLine1, c.Postcode, c.Tier, c.LifetimeValue, c.CreatedAt })
            .ToListAsync();
        var orders = await db.Orders.OrderBy(o => o.Id)
            .Select(o => new
            {
                o.Id, o.Number, o.CustomerId, o.PlacedAt, o.Status, o.Total, o.DeliveryMethod, o.PaymentMethod, o.Carrier, o.TrackingNumber,
                o.ShippedAt, o.DeliveredAt, o.RefundAmount, Lines = o.Lines.Count,
            })
            .ToListAsync();
        return [.. customers.Select(c => $"{c}"), .. orders.Select(o => $"{o}")];
    }
}

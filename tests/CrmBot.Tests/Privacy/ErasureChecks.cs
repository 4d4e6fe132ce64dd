using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Orders;
using CrmBot.Core.Privacy;
using CrmBot.Core.Recommendations;
using CrmBot.Tests.Handoff;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Tests.Privacy;

/// <summary>What the store must look like after a customer was erased: no personal value of theirs anywhere, orders still there without them.</summary>
public static class ErasureChecks
{
    public static async Task NothingPersonalLeftAsync(HandoffApp app, Customer before, IReadOnlyList<string> orderNumbers)
    {
        await using var db = app.NewDb();
        string[] values = [before.FirstName + " " + before.LastName, before.Email, before.AddressLine1, before.Postcode, before.Phone!, before.Phone!.Replace(" ", "")];

        var tombstone = await db.Customers.SingleAsync(c => c.Id == before.Id);
        Assert.Equal(("Erased", "Customer", $"erased-{before.Id}@erased.invalid", null, "", "", ""),
            (tombstone.FirstName, tombstone.LastName, tombstone.Email, tombstone.Phone, tombstone.AddressLine1, tombstone.Postcode, tombstone.City));
        Assert.NotNull(tombstone.ErasedAt);
        Assert.False(tombstone.MarketingConsent);

        var texts = await db.Interactions.Select(i => new[] { i.Text, i.Entities ?? "", i.Attachments ?? "" }).ToListAsync();
        foreach (var value in values.Append(before.FirstName).Append(before.LastName))
        {
            Assert.DoesNotContain(texts.SelectMany(t => t), t => t.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
        Assert.False(await db.Conversations.AnyAsync(c => c.CustomerId == before.Id));
        Assert.False(await db.ChannelAccounts.AnyAsync(a => a.CustomerId == before.Id));
        Assert.False(await db.Escalations.AnyAsync(e => e.CustomerId == before.Id));
        Assert.False(await db.RecommendationEvents.AnyAsync(r => r.CustomerId == before.Id));
        var notes = await db.Escalations.Where(e => e.Note != null).Select(e => e.Note!).ToListAsync();
        foreach (var value in values)
        {
            Assert.DoesNotContain(notes, n => n.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
        Assert.False(await db.Set<VerificationLockout>().AnyAsync(l => l.EmailHash == VerificationLockout.KeyFor(before.Email)));

        var orders = await db.Orders.Where(o => orderNumbers.Contains(o.Number)).ToListAsync();
        Assert.Equal(orderNumbers.Count, orders.Count);
        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.Equal((null, "[erased]", "[erased]", null), (o.CustomerId, o.ShipToName, o.ShipToAddressLine1, o.TrackingNumber)));
        Assert.All(orders, o => Assert.NotEqual(before.Postcode, o.ShipToPostcode));
        Assert.True(await db.OrderLines.CountAsync(l => orders.Select(o => o.Id).Contains(l.OrderId)) >= orders.Count);
    }
}

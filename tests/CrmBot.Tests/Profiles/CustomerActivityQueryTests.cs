using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Profiles;
using CrmBot.Core.Storage;
using static CrmBot.Tests.Profiles.ProfileStore;

namespace CrmBot.Tests.Profiles;

/// <summary>
/// RFM and the other profile features, computed in SQL, against values worked out by hand for one customer whose
/// history has a return, a refund and two cancellations, taken now and at a cut-off 50 days ago.
/// </summary>
public sealed class CustomerActivityQueryTests : IAsyncLifetime
{
    private ProfileStore store = null!;
    private Customer ann = null!;
    private Customer ben = null!;

    public async Task InitializeAsync()
    {
        store = await CreateAsync();
        ann = await store.CustomerAsync("Ann", CustomerTier.Gold, createdDaysAgo: 400);
        ben = await store.CustomerAsync("Ben", createdDaysAgo: 30);
        await store.OrderAsync(ann, 300, 100m);
        // Returned 55 days ago, refunded 45 days ago.
        await store.OrderAsync(ann, 60, 250m, o =>
        {
            o.Status = OrderStatus.Refunded;
            o.ReturnRequestedAt = DaysAgo(55);
            o.RefundStatus = RefundStatus.Refunded;
            o.RefundAmount = 250m;
            o.RefundedAt = DaysAgo(45);
        });
        // Placed 70 days ago, cancelled 40 days ago: still an order at the cut-off.
        await store.OrderAsync(ann, 70, 40m, o => Cancel(o, 40));
        await store.OrderAsync(ann, 10, 80m);
        await store.OrderAsync(ann, 5, 999m, o => Cancel(o, 4));
        await store.ConversationAsync(ann, 20, -0.6, topic: "complaint", escalated: true);
        await store.ConversationAsync(ann, 30, 0.2);
        await store.ConversationAsync(ann, 100, 0.5, topic: "track_order");
    }

    [Fact]
    public async Task Features_now_count_what_was_kept_net_of_refunds()
    {
        var a = await ActivityAsync(Now, ann);

        Assert.Equal(3, a.Orders);
        Assert.Equal(430m, a.Spend);
        Assert.Equal(250m, a.Refunded);
        Assert.Equal(180m, a.NetSpend);
        Assert.Equal(60m, a.AverageOrderValue);
        Assert.Equal(10, a.RecencyDays!.Value, 6);
        Assert.Equal(300, a.DaysSinceFirstOrder!.Value, 6);
        Assert.Equal(2, a.Cancellations);
        Assert.Equal(1, a.Returns);
        Assert.Equal(2, a.OrdersLast90Days);
        Assert.Equal(3, a.OrdersLast365Days);
        // The 90-day window holds the conversations of 20 and 30 days ago, not the one of 100 days ago.
        Assert.Equal(2, a.Conversations);
        Assert.Equal(-0.2, a.MeanSentiment, 6);
        Assert.Equal(1, a.Complaints);
        Assert.Equal(1, a.Escalations);
        Assert.Equal(CustomerTier.Gold, a.Tier);
    }

    [Fact]
    public async Task Features_at_a_cut_off_know_nothing_that_happened_after_it()
    {
        var a = await ActivityAsync(DaysAgo(50), ann);

        // The orders of 300, 70 and 60 days ago; the 70-day one was cancelled only later, the refund came later.
        Assert.Equal(3, a.Orders);
        Assert.Equal(390m, a.Spend);
        Assert.Equal(0m, a.Refunded);
        Assert.Equal(0, a.Cancellations);
        Assert.Equal(1, a.Returns);
        Assert.Equal(10, a.RecencyDays!.Value, 6);
        Assert.Equal(250, a.DaysSinceFirstOrder!.Value, 6);
        Assert.Equal(2, a.OrdersLast90Days);
        Assert.Equal(1, a.Conversations);
        Assert.Equal(0.5, a.MeanSentiment, 6);
        Assert.Equal(0, a.Complaints);
        Assert.Equal(0, a.Escalations);
    }

    [Fact]
    public async Task A_customer_who_never_ordered_has_no_rfm_point()
    {
        var b = await ActivityAsync(Now, ben);

        Assert.Equal(0, b.Orders);
        Assert.Null(b.LastOrderAt);
        Assert.Null(b.Rfm);
        Assert.Equal(30, b.Features().TenureDays, 3);
    }

    [Fact]
    public async Task Churn_labels_look_only_at_orders_after_the_cut_off()
    {
        var cleo = await store.CustomerAsync("Cleo");
        await store.OrderAsync(cleo, 200, 120m);
        // Her only later order was cancelled: it does not count as coming back.
        await store.OrderAsync(cleo, 20, 60m, o => Cancel(o, 19));

        await using var db = store.Open();
        var rows = await new ChurnDefinition(HorizonDays: 50).TrainingRowsAsync(db, Now, interactionWindowDays: 90, default);

        // Ann ordered 10 days ago (not churned), Cleo did not (churned); Ben had not ordered before the cut-off.
        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.Label && r.Orders == 1 && r.NetSpend == 120f);
        Assert.Single(rows, r => !r.Label && r.Orders == 3);
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    private static void Cancel(Order order, double daysAgo)
    {
        order.Status = OrderStatus.Cancelled;
        order.CancelledAt = DaysAgo(daysAgo);
    }

    private async Task<CustomerActivity> ActivityAsync(DateTimeOffset asOf, Customer customer)
    {
        await using CrmDbContext db = store.Open();
        return (await CustomerActivityQuery.LoadAsync(db, asOf, interactionWindowDays: 90, default)).Single(a => a.CustomerId == customer.Id);
    }
}

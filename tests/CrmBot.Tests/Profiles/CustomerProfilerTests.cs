using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Profiles;
using CrmBot.Intelligence.Profiles;
using Microsoft.EntityFrameworkCore;
using static CrmBot.Tests.Profiles.ProfileStore;

namespace CrmBot.Tests.Profiles;

/// <summary>
/// The whole profiling on a small store (<see cref="ProfiledShop"/>): customers who keep buying, customers who bought
/// as often but stopped 250 days ago, occasional buyers and one who never bought. The store is built and profiled once
/// for the tests that only read it; the tests that change it build their own.
/// </summary>
public sealed class CustomerProfilerTests(ProfiledShop shop) : IClassFixture<ProfiledShop>
{
    [Fact]
    public async Task Every_customer_gets_a_profile_and_those_who_stopped_buying_are_at_high_risk()
    {
        var report = shop.Report;

        await using var db = shop.Store.Open();
        var customers = await db.Customers.AsNoTracking().ToDictionaryAsync(c => c.Id);
        Assert.All(customers.Values, c => Assert.Equal(Now, c.ProfiledAt));
        Assert.All(customers.Values, c => Assert.Contains(c.Segment, SegmentNaming.All));
        Assert.All(customers.Values.Where(c => c.Id != shop.Never.Id), c => Assert.InRange(c.ChurnRisk!.Value, 0, 1));
        Assert.InRange(shop.Stopped.Average(id => customers[id].ChurnRisk!.Value), ChurnRiskLevels.High, 1);
        Assert.InRange(shop.Steady.Average(id => customers[id].ChurnRisk!.Value), 0, ChurnRiskLevels.Medium);
        Assert.True(shop.Stopped.Count(id => customers[id].Segment == SegmentNaming.AtRisk) > shop.Stopped.Count / 2,
            string.Join(", ", shop.Stopped.Select(id => customers[id].Segment)));
        Assert.Equal(76, report.Customers);
        Assert.Equal(ChurnAlgorithm.LogisticRegression, report.Churn!.Algorithm);
    }

    [Fact]
    public async Task A_customer_who_never_ordered_is_profiled_without_a_churn_risk()
    {
        await using var db = shop.Store.Open();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == shop.Never.Id);
        Assert.Equal(SegmentNaming.NoOrders, customer.Segment);
        Assert.Null(customer.ChurnRisk);
        Assert.Null(customer.LastOrderAt);
        Assert.Equal(0, customer.OrderCount);
        Assert.Equal(0m, customer.LifetimeValue);
    }

    [Fact]
    public async Task Lifetime_value_adds_the_expected_year_to_the_net_spend()
    {
        await using var db = shop.Store.Open();
        var customers = await db.Customers.AsNoTracking().Where(c => c.OrderCount > 0).ToListAsync();
        Assert.All(customers, c => Assert.True(c.LifetimeValue >= c.NetSpend, $"{c.FirstName}: {c.LifetimeValue} < {c.NetSpend}"));
        var keen = customers.Single(c => c.Id == shop.Steady[0]);
        var activity = (await CustomerActivityQuery.LoadAsync(db, Now, 90, default)).Single(a => a.CustomerId == keen.Id);
        var perYear = activity.Orders / Math.Max(1, activity.DaysSinceFirstOrder!.Value / 365.25);
        var expected = activity.NetSpend + (decimal)((1 - keen.ChurnRisk!.Value) * perYear * (double)activity.AverageOrderValue);
        Assert.Equal(Math.Round(expected, 2), keen.LifetimeValue);
        Assert.Equal(activity.NetSpend, keen.NetSpend);
        Assert.Equal(activity.LastOrderAt, keen.LastOrderAt);
    }

    [Fact]
    public async Task Escalation_priority_puts_a_standard_customer_at_high_churn_risk_one_step_ahead()
    {
        await using var db = shop.Store.Open();
        var leaving = await db.Customers.AsNoTracking().Where(c => shop.Stopped.Contains(c.Id)).OrderByDescending(c => c.ChurnRisk).FirstAsync();
        var staying = await db.Customers.AsNoTracking().Where(c => shop.Steady.Contains(c.Id)).OrderBy(c => c.ChurnRisk).FirstAsync();
        Assert.Equal(ChurnLevel.High, ChurnRiskLevels.Of(leaving.ChurnRisk));
        Assert.Equal(2, EscalationService.Priority(EscalationReason.CustomerRequest, leaving, sentiment: 0));
        Assert.Equal(3, EscalationService.Priority(EscalationReason.CustomerRequest, staying, sentiment: 0));
    }

    [Fact]
    public async Task Profiles_are_computed_again_only_when_the_data_or_the_day_changed()
    {
        await using var own = await ProfiledShop.BuildAsync();

        await own.MarkAsync("untouched");
        own.Time.Advance(TimeSpan.FromHours(1));
        await own.RefreshAsync();
        Assert.Equal("untouched", await own.SegmentOfNeverAsync());

        await own.Store.OrderAsync(own.Never, 0, 42m);
        await own.RefreshAsync();
        Assert.NotEqual(SegmentNaming.NoOrders, await own.SegmentOfNeverAsync());

        await own.MarkAsync("untouched");
        own.Time.Advance(TimeSpan.FromDays(1));
        await own.RefreshAsync();
        Assert.NotEqual("untouched", await own.SegmentOfNeverAsync());

        await own.MarkAsync("untouched");
        await own.RefreshAsync(force: true);
        Assert.NotEqual("untouched", await own.SegmentOfNeverAsync());
    }

    [Fact]
    public async Task A_customer_without_a_profile_gets_everyone_profiled_again()
    {
        await using var own = await ProfiledShop.BuildAsync();
        await using (var db = own.Store.Open())
        {
            await db.Customers.ExecuteUpdateAsync(s => s.SetProperty(c => c.Segment, "untouched").SetProperty(c => c.ProfiledAt, (DateTimeOffset?)null));
        }

        await own.RefreshAsync();

        await using var after = own.Store.Open();
        Assert.False(await after.Customers.AnyAsync(c => c.Segment == "untouched" || c.ProfiledAt == null));
    }
}

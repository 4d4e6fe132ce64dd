using CrmBot.Core.Customers;
using CrmBot.Core.Profiles;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CrmBot.Tests.Profiles.ProfileStore;

namespace CrmBot.Tests.Profiles;

/// <summary>
/// A small shop, profiled once: 25 customers who buy about monthly up to <see cref="ProfileStore.Now"/>, 25 who bought
/// as often but stopped 250 days ago, 25 occasional buyers (one to three orders) and one who never bought.
/// </summary>
public sealed class ProfiledShop : IAsyncLifetime, IAsyncDisposable
{
    public FakeTimeProvider Time { get; } = new(Now);
    public List<int> Steady { get; } = [];
    public List<int> Stopped { get; } = [];
    public ProfileStore Store { get; private set; } = null!;
    public Customer Never { get; private set; } = null!;
    public CustomerProfiler Profiler { get; private set; } = null!;
    public ProfileReport Report { get; private set; } = null!;

    public static async Task<ProfiledShop> BuildAsync()
    {
        var shop = new ProfiledShop();
        await shop.InitializeAsync();
        return shop;
    }

    public async Task InitializeAsync()
    {
        Store = await CreateAsync();
        var random = new Random(17);
        for (var i = 0; i < 25; i++)
        {
            Steady.Add((await BuyEveryMonthAsync(await Store.CustomerAsync($"Steady{i}"), random, until: 0)).Id);
            Stopped.Add((await BuyEveryMonthAsync(await Store.CustomerAsync($"Stopped{i}"), random, until: 250)).Id);
            var occasional = await Store.CustomerAsync($"Occasional{i}");
            await Store.OrdersAsync(occasional, [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => ((double)random.Next(5, 700), 60m + random.Next(100)))]);
        }
        Never = await Store.CustomerAsync("Never", createdDaysAgo: 100);
        Profiler = new CustomerProfiler(new CrmBotPaths(Store.Directory, Store.Directory, Store.Directory),
            Options.Create(new ProfileOptions()), Time, NullLogger<CustomerProfiler>.Instance);
        Report = await RefreshAsync();
    }

    public async Task<ProfileReport> RefreshAsync(bool force = false)
    {
        await using var db = Store.Open();
        return await Profiler.RefreshAsync(db, force, default);
    }

    public async Task MarkAsync(string segment)
    {
        await using var db = Store.Open();
        await db.Customers.Where(c => c.Id == Never.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Segment, segment));
    }

    public async Task<string?> SegmentOfNeverAsync()
    {
        await using var db = Store.Open();
        return await db.Customers.Where(c => c.Id == Never.Id).Select(c => c.Segment).SingleAsync();
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private async Task<Customer> BuyEveryMonthAsync(Customer customer, Random random, int until)
    {
        var orders = new List<(double, decimal)>();
        for (var daysAgo = 700.0 - random.Next(30); daysAgo > until; daysAgo -= 20 + random.Next(10))
        {
            orders.Add((daysAgo, 80m + random.Next(120)));
        }
        await Store.OrdersAsync(customer, orders);
        return customer;
    }
}

using CrmBot.Core.Agents;
using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Seeding.History;

/// <summary>
/// The seeded shop in memory (customers, orders with their lines, products, agents), read once so that thousands of
/// simulated conversations can look orders up without a query each. Orders are sorted by when they were placed, so
/// "orders placed in this window" is a binary search.
/// </summary>
internal sealed class ShopSnapshot
{
    private readonly Order[] ordersByPlacement;
    private readonly DateTimeOffset[] placements;

    private ShopSnapshot(IReadOnlyList<Customer> customers, Order[] orders, IReadOnlyDictionary<int, Product> products, IReadOnlyList<Agent> agents)
    {
        Customers = customers;
        CustomersById = customers.ToDictionary(c => c.Id);
        ordersByPlacement = orders;
        placements = orders.Select(o => o.PlacedAt).ToArray();
        OrdersByCustomer = orders.Where(o => o.CustomerId is not null).GroupBy(o => o.CustomerId!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<Order>)g.OrderByDescending(o => o.PlacedAt).ToList());
        Products = products;
        Agents = agents;
    }

    public IReadOnlyList<Customer> Customers { get; }
    public IReadOnlyDictionary<int, Customer> CustomersById { get; }
    /// <summary>Each customer's orders, newest first.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<Order>> OrdersByCustomer { get; }
    public IReadOnlyDictionary<int, Product> Products { get; }
    public IReadOnlyList<Agent> Agents { get; }
    public IReadOnlyList<Order> Orders => ordersByPlacement;

    public static async Task<ShopSnapshot> LoadAsync(CrmDbContext db, CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking().OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).ToListAsync(ct);
        var lines = await db.OrderLines.AsNoTracking().OrderBy(l => l.Id).ToListAsync(ct);
        var byId = orders.ToDictionary(o => o.Id);
        foreach (var line in lines)
        {
            byId[line.OrderId].Lines.Add(line);
        }
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
        return new ShopSnapshot(customers, [.. orders], products, agents);
    }

    /// <summary>Orders placed in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public ReadOnlySpan<Order> PlacedBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var start = LowerBound(from);
        var end = LowerBound(to);
        return ordersByPlacement.AsSpan(start, Math.Max(0, end - start));
    }

    /// <summary>The customer's orders that existed at <paramref name="at"/>, newest first.</summary>
    public IEnumerable<Order> OrdersOf(int customerId, DateTimeOffset at) =>
        OrdersByCustomer.TryGetValue(customerId, out var orders) ? orders.Where(o => OrderTimeline.Exists(o, at)) : [];

    private int LowerBound(DateTimeOffset value)
    {
        int low = 0, high = placements.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (placements[middle] < value) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}

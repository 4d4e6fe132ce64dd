using CrmBot.Core.Orders;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// How often customers bought other products in the same order as one product, and how that compares with chance
/// (lift: 1 = as often as in any order, 2 = twice as often). Cancelled orders do not count.
/// </summary>
internal sealed class CoPurchases
{
    /// <summary>Fewer orders together than this is too thin to tell a customer "often bought with".</summary>
    public const int MinOrdersTogether = 5;

    private readonly IReadOnlyDictionary<int, int> _together;
    private readonly IReadOnlyDictionary<int, int> _ordersWith;
    private readonly int _ordersWithProduct;
    private readonly int _allOrders;

    private CoPurchases(IReadOnlyDictionary<int, int> together, IReadOnlyDictionary<int, int> ordersWith, int ordersWithProduct, int allOrders)
    {
        _together = together;
        _ordersWith = ordersWith;
        _ordersWithProduct = ordersWithProduct;
        _allOrders = allOrders;
    }

    public static async Task<CoPurchases> LoadAsync(CrmDbContext db, int productId, CancellationToken ct)
    {
        var lines = db.Orders.Where(o => o.Status != OrderStatus.Cancelled).SelectMany(o => o.Lines);
        var orders = lines.Where(l => l.ProductId == productId).Select(l => l.OrderId);
        var together = await lines.Where(l => orders.Contains(l.OrderId) && l.ProductId != productId)
            .GroupBy(l => l.ProductId).Select(g => new { g.Key, Orders = g.Select(l => l.OrderId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Orders, ct);
        var ordersWith = await lines.GroupBy(l => l.ProductId).Select(g => new { g.Key, Orders = g.Select(l => l.OrderId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Orders, ct);
        var allOrders = await db.Orders.CountAsync(o => o.Status != OrderStatus.Cancelled, ct);
        return new CoPurchases(together, ordersWith, ordersWith.GetValueOrDefault(productId), allOrders);
    }

    public int Together(int productId) => _together.GetValueOrDefault(productId);

    public double Lift(int productId)
    {
        var with = _ordersWith.GetValueOrDefault(productId);
        return with == 0 || _ordersWithProduct == 0 ? 0 : Together(productId) * (double)_allOrders / ((double)_ordersWithProduct * with);
    }

    /// <summary>Bought together in enough orders, at least as often as chance: true to say "often bought with".</summary>
    public bool Often(int productId) => Together(productId) >= MinOrdersTogether && Lift(productId) >= 1.0;

    /// <summary>Bought together far more often than chance: worth suggesting even without a rule saying they go together.</summary>
    public bool Strongly(int productId) => Together(productId) >= 2 * MinOrdersTogether && Lift(productId) >= 1.5;
}

using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using CrmBot.Core.Storage;
using CrmBot.Intelligence.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// The CRM store's orders as the recommendation engine reads them: one purchase per order line of every order that was
/// not cancelled (a return still says what the customer wanted), customers and products by their ids.
/// </summary>
public static class StorePurchases
{
    public static Task<List<Purchase>> AllAsync(CrmDbContext db, CancellationToken ct) => LoadAsync(db, null, ct);

    public static Task<List<Purchase>> OfCustomerAsync(CrmDbContext db, int customerId, CancellationToken ct) => LoadAsync(db, customerId, ct);

    /// <summary>Every product as a catalogue item; stock is checked per request, since it changes between index rebuilds.</summary>
    public static async Task<Dictionary<string, CatalogueItem>> CatalogueAsync(CrmDbContext db, CancellationToken ct) =>
        (await db.Products.AsNoTracking().Include(p => p.Category).ToListAsync(ct)).ToDictionary(p => ItemId(p.Id), Item, StringComparer.Ordinal);

    public static string ItemId(int productId) => productId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string CustomerId(int customerId) => customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static CatalogueItem Item(Product p) =>
        new(ItemId(p.Id), p.Name, p.CategorySlug, p.Category?.Name ?? p.CategorySlug, (double)p.Price);

    private static async Task<List<Purchase>> LoadAsync(CrmDbContext db, int? customerId, CancellationToken ct)
    {
        // An erased customer's orders stay for accounting without their link: they no longer say what anyone bought.
        var orders = db.Orders.AsNoTracking().Where(o => o.Status != OrderStatus.Cancelled && o.CustomerId != null);
        if (customerId is { } id)
        {
            orders = orders.Where(o => o.CustomerId == id);
        }
        var rows = await (
            from o in orders
            join l in db.OrderLines on o.Id equals l.OrderId
            join p in db.Products on l.ProductId equals p.Id
            orderby o.Id, l.Id
            select new { o.CustomerId, l.ProductId, p.CategorySlug, o.PlacedAt, l.Quantity, l.UnitPrice }).ToListAsync(ct);
        return rows.Select(r => new Purchase(CustomerId(r.CustomerId!.Value), ItemId(r.ProductId), r.CategorySlug, r.PlacedAt, r.Quantity, (double)r.UnitPrice)).ToList();
    }
}

using System.ComponentModel;
using CrmBot.Core.Conversations;
using CrmBot.Core.Orders;
using CrmBot.Core.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace CrmBot.Core.Plugins;

/// <summary>The catalogue: product details and suggestions.</summary>
public sealed class ProductsPlugin(ConversationTurn turn)
{
    public const string BestSellerStrategy = "category-best-sellers";
    private static readonly TimeSpan SalesWindow = TimeSpan.FromDays(180);

    [KernelFunction("recommend"), Description("Suggests up to three best-selling products in a category, leaving out what the customer already owns.")]
    public async Task<IReadOnlyList<ProductSuggestion>> RecommendAsync(
        [Description("Category slug such as laptops or audio; empty for any category")] string category,
        CancellationToken ct)
    {
        var db = turn.Db;
        var since = turn.Now - SalesWindow;
        var owned = turn.Customer is null ? [] : await db.Orders.Where(o => o.CustomerId == turn.Customer.Id)
            .SelectMany(o => o.Lines).Select(l => l.ProductId).Distinct().ToListAsync(ct);
        var sales = await db.Orders.Where(o => o.PlacedAt >= since && o.Status != OrderStatus.Cancelled)
            .SelectMany(o => o.Lines)
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(l => l.Quantity) })
            .ToDictionaryAsync(x => x.ProductId, x => x.Units, ct);
        var candidates = await db.Products.Include(p => p.Category)
            .Where(p => p.InStock && (category == "" || p.CategorySlug == category) && !owned.Contains(p.Id))
            .ToListAsync(ct);
        var top = candidates.OrderByDescending(p => sales.GetValueOrDefault(p.Id)).ThenByDescending(p => p.Popularity).ThenBy(p => p.Sku).Take(3).ToList();
        int rank = 0;
        foreach (var product in top)
        {
            db.RecommendationEvents.Add(new RecommendationEvent
            {
                ConversationId = turn.Conversation.Id,
                CustomerId = turn.Customer?.Id,
                ProductId = product.Id,
                Strategy = BestSellerStrategy,
                Rank = ++rank,
                ShownAt = turn.Now,
            });
        }
        return top.Select(p => new ProductSuggestion(p.Sku, p.Name, p.Brand, p.Category?.Name ?? p.CategorySlug, p.Price, Formats.Money(p.Price), p.Description,
            $"A best seller in {p.Category?.Name ?? p.CategorySlug}")).ToList();
    }

    [KernelFunction("describe"), Description("Details of one product: name, price, description, whether it is in stock.")]
    public async Task<ProductDetails> DescribeAsync([Description("The product's SKU, e.g. LAP-001")] string sku, CancellationToken ct)
    {
        var p = await turn.Db.Products.Include(x => x.Category).FirstOrDefaultAsync(x => x.Sku == sku, ct);
        return p is null
            ? new ProductDetails(false, "", "", "", "", "", false)
            : new ProductDetails(true, p.Sku, p.Name, p.Category?.Name ?? p.CategorySlug, Formats.Money(p.Price), p.Description, p.InStock);
    }
}

public sealed record ProductDetails(bool Found, string Sku, string Name, string Category, string Price, string Description, bool InStock);

using CrmBot.Core.Storage;
using CrmBot.Intelligence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Products;

/// <summary>Turns the catalogue into the phrases the entity extractor recognises: product names and category words.</summary>
public static class ProductGazetteer
{
    public static async Task<CatalogGazetteer> BuildAsync(CrmDbContext db, CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking().Select(p => new { p.Sku, p.Name }).ToListAsync(ct);
        var categories = await db.ProductCategories.AsNoTracking().ToListAsync(ct);
        var entries = new List<GazetteerEntry>();
        entries.AddRange(products.Select(p => new GazetteerEntry(EntityTypes.Product, p.Sku, p.Name)));
        foreach (var category in categories)
        {
            entries.Add(new GazetteerEntry(EntityTypes.Category, category.Slug, category.Name));
            entries.AddRange(category.Synonyms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => new GazetteerEntry(EntityTypes.Category, category.Slug, s)));
        }
        return new CatalogGazetteer(entries);
    }
}

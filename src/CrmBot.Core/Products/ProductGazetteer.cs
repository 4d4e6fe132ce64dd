using CrmBot.Core.Storage;
using CrmBot.Intelligence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Products;

/// <summary>Turns the catalogue into the phrases the entity extractor recognises: product names (also without the brand) and category words.</summary>
public static class ProductGazetteer
{
    public static async Task<CatalogGazetteer> BuildAsync(CrmDbContext db, CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking().Select(p => new { p.Sku, p.Name, p.Brand }).ToListAsync(ct);
        var categories = await db.ProductCategories.AsNoTracking().ToListAsync(ct);
        var categoryEntries = new List<GazetteerEntry>();
        foreach (var category in categories)
        {
            categoryEntries.Add(new GazetteerEntry(EntityTypes.Category, category.Slug, category.Name));
            categoryEntries.AddRange(category.Synonyms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => new GazetteerEntry(EntityTypes.Category, category.Slug, s)));
        }
        var categoryWords = categoryEntries.Select(e => e.Phrase).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var shortNames = products.Select(p => (p.Sku, Phrase: ShortName(p.Name, p.Brand)))
            .Where(s => s.Phrase is not null && !categoryWords.Contains(s.Phrase))
            .GroupBy(s => s.Phrase!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1).Select(g => g.Single());

        var entries = new List<GazetteerEntry>();
        entries.AddRange(products.Select(p => new GazetteerEntry(EntityTypes.Product, p.Sku, p.Name)));
        entries.AddRange(shortNames.Select(s => new GazetteerEntry(EntityTypes.Product, s.Sku, s.Phrase!)));
        entries.AddRange(categoryEntries);
        return new CatalogGazetteer(entries);
    }

    // Customers drop the brand once they have seen it ("is the Stride GPS in stock"). One word alone ("Prime",
    // "Digital") is too common to mean the product, so only names of two words or more are kept.
    private static string? ShortName(string name, string brand) =>
        name.StartsWith(brand + " ", StringComparison.OrdinalIgnoreCase) && name[(brand.Length + 1)..].Split(' ') is { Length: >= 2 } rest
            ? string.Join(' ', rest)
            : null;
}

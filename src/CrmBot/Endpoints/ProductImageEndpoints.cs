using System.Security;
using CrmBot.Core.Products;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Endpoints;

/// <summary>
/// The picture on a suggested product's card. The catalogue has no photographs, so each product gets a drawn
/// placeholder: its category and brand on the category's colour, the same every time.
/// </summary>
public static class ProductImageEndpoints
{
    // Colour-blind-safe hues, dark enough for white text.
    private static readonly string[] Palette = ["#1d4ed8", "#0f766e", "#7c3aed", "#b45309", "#be123c", "#15803d", "#0369a1", "#6d28d9", "#a16207", "#9f1239"];

    public static WebApplication MapProductImages(this WebApplication app)
    {
        app.MapGet("/img/products/{sku}.svg", async (string sku, CrmDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var product = await db.Products.AsNoTracking().Where(p => p.Sku == sku)
                .Select(p => new { p.Name, p.Brand, p.CategorySlug, Category = p.Category!.Name })
                .FirstOrDefaultAsync(ct);
            if (product is null)
            {
                return Results.Problem($"No product with SKU '{sku}'.", statusCode: StatusCodes.Status404NotFound);
            }
            http.Response.Headers.CacheControl = "public, max-age=86400";
            // An SVG opened on its own is a document: it may not run or fetch anything.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
            return Results.Text(Svg(product.Category, product.Brand, Colour(product.CategorySlug)), "image/svg+xml");
        }).WithTags("Chat").WithSummary("A drawn placeholder picture of a product, for its card in chat.").ExcludeFromDescription();
        return app;
    }

    private static string Colour(string slug)
    {
        // A fixed hash (not string.GetHashCode, which changes per process), so a category keeps its colour.
        uint hash = 2166136261;
        foreach (char c in slug)
        {
            hash = (hash ^ c) * 16777619;
        }
        return Palette[hash % (uint)Palette.Length];
    }

    private static string Svg(string category, string brand, string colour) =>
        $"""
        <svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180" role="img" aria-label="{SecurityElement.Escape(category)}">
          <rect width="320" height="180" fill="{colour}"/>
          <circle cx="272" cy="40" r="64" fill="#ffffff" opacity="0.12"/>
          <text x="24" y="104" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="26" font-weight="600" fill="#ffffff">{SecurityElement.Escape(category)}</text>
          <text x="24" y="136" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="16" fill="#ffffff" opacity="0.85">{SecurityElement.Escape(brand)}</text>
        </svg>
        """;
}

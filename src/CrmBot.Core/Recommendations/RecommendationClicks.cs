using CrmBot.Core.Products;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// A press on a suggested product's card is the click its strategy is judged by: it marks the latest showing of that
/// product in the conversation. A card from an earlier conversation, or a SKU the bot never showed here, counts nothing.
/// </summary>
public static class RecommendationClicks
{
    /// <summary>Marks the click on the tracked event (saved with the turn); false when the product was not shown here.</summary>
    public static async Task<bool> RecordAsync(CrmDbContext db, Guid conversationId, string sku, DateTimeOffset now, CancellationToken ct)
    {
        var shown = await db.RecommendationEvents
            .Where(e => e.ConversationId == conversationId && db.Set<Product>().Any(p => p.Id == e.ProductId && p.Sku == sku))
            .OrderByDescending(e => e.ShownAt).ThenByDescending(e => e.Id)
            .FirstOrDefaultAsync(ct);
        if (shown is null)
        {
            return false;
        }
        // The first press is the click; pressing again (details, then a question) is the same click.
        shown.ClickedAt ??= now;
        return true;
    }
}

using CrmBot.Core.Turns;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// What the verified customer has bought, and which of it they mean by "my bulb", "my laptop" or "my Lumora Glow":
/// by its name, its tags or its category's words. Cancelled, returned and refunded orders are not theirs to own.
/// </summary>
internal sealed class OwnedProducts
{
    private static readonly HashSet<string> Generic = ["smart", "wireless", "new", "pro", "mini", "max", "lite", "one", "plus"];
    private static readonly OrderStatus[] Kept = [OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered];

    private readonly List<(ProductProfile Profile, DateTimeOffset PlacedAt)> _owned;
    private readonly CategoryMatcher _categories;

    private OwnedProducts(List<(ProductProfile, DateTimeOffset)> owned, IReadOnlySet<int> everOrdered, CategoryMatcher categories)
    {
        _owned = owned;
        EverOrdered = everOrdered;
        _categories = categories;
    }

    /// <summary>Every product in any of the customer's orders: never suggested again.</summary>
    public IReadOnlySet<int> EverOrdered { get; }

    public static async Task<OwnedProducts> LoadAsync(ICustomerTurn turn, IReadOnlyDictionary<int, ProductProfile> profiles, CategoryMatcher categories, CancellationToken ct)
    {
        if (turn.Customer is null)
        {
            return new OwnedProducts([], new HashSet<int>(), categories);
        }
        var lines = await (
            from o in turn.Db.Orders
            where o.CustomerId == turn.Customer.Id
            join l in turn.Db.OrderLines on o.Id equals l.OrderId
            select new { l.ProductId, o.Status, o.PlacedAt }).ToListAsync(ct);
        var owned = lines.Where(l => Kept.Contains(l.Status) && profiles.ContainsKey(l.ProductId))
            .GroupBy(l => l.ProductId).Select(g => (profiles[g.Key], g.Max(l => l.PlacedAt))).ToList();
        return new OwnedProducts(owned, lines.Select(l => l.ProductId).ToHashSet(), categories);
    }

    /// <summary>The owned product these words name best (the most recent on a tie), or none when nothing they own fits.</summary>
    public ProductProfile? Find(string words)
    {
        var tokens = Tokens(words);
        var named = _categories.Find(words, ProductKind.Find(words)).Select(c => c.Slug).ToHashSet();
        return _owned.Select(o => (o.Profile, o.PlacedAt, Score: Score(o.Profile, tokens, named)))
            .Where(x => x.Score >= 1)
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.PlacedAt)
            .Select(x => x.Profile).FirstOrDefault();
    }

    private static double Score(ProductProfile owned, IReadOnlyList<string> tokens, IReadOnlySet<string> namedCategories)
    {
        double score = namedCategories.Contains(owned.Product.CategorySlug) ? 1.5 : 0;
        var nameWords = Tokens(owned.Name);
        var tagHeads = owned.LowerTags.Select(t => t.Split(' ')[^1]).ToHashSet();
        bool wordMatched = false;
        foreach (var token in tokens)
        {
            bool matches = nameWords.Any(w => Same(w, token)) || tagHeads.Any(h => Same(h, token));
            if (!matches)
            {
                continue;
            }
            if (token.All(char.IsDigit))
            {
                score += 0.5;
            }
            else
            {
                score += Generic.Contains(token) ? 0.5 : 1;
                wordMatched = true;
            }
        }
        score += owned.LowerTags.Count(t => t.Contains(' ') && ProductProfile.Contains(string.Join(' ', tokens), t)) * 0.5;
        return wordMatched || namedCategories.Contains(owned.Product.CategorySlug) ? score : 0;
    }

    private static bool Same(string a, string b) => a == b || a + "s" == b || a == b + "s";

    private static List<string> Tokens(string text) =>
        text.ToLowerInvariant().Split((char[])[' ', ',', '.', '?', '!', '\'', '"', '-', '/', '(', ')', ':', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.Length >= 3 || (t.Any(char.IsDigit) && t.Any(char.IsLetter)) || t is "tv" or "pc")
            .Where(t => !StopWords.Contains(t)).ToList();

    private static readonly HashSet<string> StopWords =
    [
        "the", "and", "for", "with", "its", "was", "are", "but", "not", "you", "your", "this", "that", "what", "else", "would",
        "could", "should", "goes", "going", "get", "got", "want", "need", "buy", "bought", "love", "like", "leave", "review",
        "really", "very", "just", "good", "great", "brilliant", "thanks", "order", "orders", "use", "from", "have", "has",
    ];
}

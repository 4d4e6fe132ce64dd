using System.Globalization;
using CrmBot.Core.Conversations;
using CrmBot.Core.Products;
using CrmBot.Intelligence.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Recommendations;

/// <summary>Open requests and the end-of-conversation offer: the recommendation engine's picks for this customer.</summary>
public sealed partial class ProductRecommender
{
    /// <summary>Customer messages of this conversation, the current one included, that may name products or categories for the offer.</summary>
    private const int OfferContextMessages = 10;

    /// <summary>
    /// A light offer at the end of a conversation: the engine's top picks for this customer with no request to go on,
    /// leaning towards the products and categories the conversation mentioned. An anonymous visitor gets what is
    /// popular, leaning the same way. Recorded like any suggestion; the caller decides whether the moment is right.
    /// </summary>
    public async Task<ProductRecommendations> OfferAsync(CancellationToken ct)
    {
        var db = turn.Db;
        var categories = new CategoryMatcher(await db.ProductCategories.AsNoTracking().ToListAsync(ct));
        var profiles = (await db.Products.AsNoTracking().Include(p => p.Category).ToListAsync(ct)).ToDictionary(p => p.Id, p => new ProductProfile(p));
        var owned = await OwnedProducts.LoadAsync(turn, profiles, categories, ct);
        var texts = await turn.Db.Interactions.AsNoTracking()
            .Where(i => i.ConversationId == turn.ConversationId && i.Direction == InteractionDirection.Inbound)
            .OrderByDescending(i => i.Id).Take(OfferContextMessages).Select(i => i.Text).ToListAsync(ct);
        var mentioned = texts.SelectMany(t => categories.Find(t, ProductKind.Find(t))).Select(c => c.Slug).Distinct().ToList();
        var pool = profiles.Values.Where(p => p.Product.InStock && !owned.EverOrdered.Contains(p.Product.Id)).ToList();
        var taste = await TasteAsync(ct);
        var picks = await PickAsync(pool, profiles, taste, mentioned, texts, ct);
        return new ProductRecommendations(picks.Count > 0 ? ProductRecommendations.Ok : ProductRecommendations.None, picks.Select(Suggestion).ToList())
        {
            Subject = "some ideas",
            Selection = taste.IsKnown ? "some ideas picked for you" : "some of our most popular products right now",
        };
    }

    /// <summary>
    /// Suggestions for a request that names at most a category or a kind of product (no budget, use or owned product
    /// to go with): null when it names neither and the customer has no history, so the dialog asks what they want.
    /// </summary>
    private async Task<ProductRecommendations?> PersonalAsync(IReadOnlyList<ProductCategory> wanted, ProductRequest request,
        Dictionary<int, ProductProfile> profiles, OwnedProducts owned, IEnumerable<string> texts, CancellationToken ct)
    {
        var slugs = wanted.Select(c => c.Slug).ToHashSet();
        var pool = profiles.Values.Where(p => p.Product.InStock && !owned.EverOrdered.Contains(p.Product.Id)
            && (slugs.Count == 0 || slugs.Contains(p.Product.CategorySlug))).ToList();
        var kind = request.Kinds.FirstOrDefault(k => pool.Any(p => IsKind(p, k)));
        if (kind is not null)
        {
            pool = pool.Where(p => request.Kinds.Any(k => IsKind(p, k))).ToList();
        }
        var taste = await TasteAsync(ct);
        if (slugs.Count == 0 && kind is null && !taste.IsKnown)
        {
            return null;
        }
        var picks = await PickAsync(pool, profiles, taste, [.. slugs], texts.ToList(), ct);
        bool known = taste.IsKnown;
        var subject = kind is null ? RecommendationText.Subjects(wanted) : RecommendationText.List(request.Kinds.Where(k => pool.Any(p => IsKind(p, k))).Select(k => k.Plural).ToList());
        var selection = known
            ? slugs.Count == 0 && kind is null ? "some ideas picked for you" : $"{subject} picked for you"
            : $"our best sellers in {subject}";
        return new ProductRecommendations(picks.Count > 0 ? ProductRecommendations.Ok : ProductRecommendations.None, picks.Select(Suggestion).ToList())
        {
            Subject = subject,
            Selection = selection,
        };
    }

    /// <summary>The verified customer's purchases as the engine reads them; none for an anonymous visitor.</summary>
    private async Task<CustomerTaste> TasteAsync(CancellationToken ct) => turn.Customer is { } customer
        ? CustomerTaste.From(await StorePurchases.OfCustomerAsync(turn.Db, customer.Id, ct), turn.Now, SuggestionModel.Settings.TasteHalfLife)
        : CustomerTaste.None;

    /// <summary>The engine's picks from <paramref name="pool"/> under the customer's assigned strategy, recorded.</summary>
    private async Task<IReadOnlyList<Pick>> PickAsync(IReadOnlyList<ProductProfile> pool, Dictionary<int, ProductProfile> profiles, CustomerTaste taste,
        IReadOnlyList<string> mentionedCategories, IReadOnlyList<string> texts, CancellationToken ct)
    {
        var lower = texts.Select(t => t.ToLowerInvariant()).ToList();
        var mentionedItems = profiles.Values.Where(p => lower.Exists(t => ProductProfile.Contains(t, p.Name)))
            .Select(p => StorePurchases.ItemId(p.Product.Id)).ToList();
        var allowed = pool.Select(p => StorePurchases.ItemId(p.Product.Id)).ToHashSet(StringComparer.Ordinal);
        var strategy = services.Assignment.For(turn.Customer?.Id, turn.ConversationId);
        var method = strategy switch
        {
            RecommendationStrategies.PersonalRanker => RankingMethod.Ranker,
            RecommendationStrategies.PersonalBlend => RankingMethod.Blend,
            _ => RankingMethod.Popularity,
        };
        var engine = await services.Model.CurrentAsync(turn.Db, turn.Now, ct);
        var query = new RecommendationQuery(taste, new RecommendationContext(mentionedItems, mentionedCategories), item => allowed.Contains(item.Id), Count, method);
        // The experiment's assigned strategy is what is recorded, even where the engine could only rank by popularity
        // (an anonymous visitor): click-through per arm then compares the groups as assigned.
        var picks = engine.Recommend(query)
            .Select(s => new Pick(profiles[int.Parse(s.Item, CultureInfo.InvariantCulture)], s.Reason, strategy))
            .ToList();
        Record(picks);
        return picks;
    }
}

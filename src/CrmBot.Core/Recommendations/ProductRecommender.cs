using CrmBot.Core.Conversations;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using Microsoft.EntityFrameworkCore;
using CrmBot.Core.Messages;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// Turns a customer's request into up to three suggestions: within their budget and suited to what it is for, going
/// with a product they own, or, for an open request that names at most a category or a kind of product, picked for
/// this customer by the recommendation engine under the strategy the A/B experiment assigned them (see
/// <see cref="OfferAsync"/>). Leaves out what they have ordered and what is out of stock, and records every
/// suggestion shown with the strategy that chose it. One instance per turn.
/// </summary>
public sealed partial class ProductRecommender(ICustomerTurn turn, SuggestionServices services)
{

    public const int Count = 3;
    /// <summary>The dialog whose earlier requests a follow-up ("anything under £150?") refines.</summary>
    public const string DialogName = "product_recommendation";

    /// <summary>How many of the customer's earlier messages may say what "it" is in "what goes with it?".</summary>
    private const int ContextMessages = 4;

    /// <param name="category">A category slug or name; used when the request itself names none.</param>
    /// <param name="requestText">The customer's request in their words.</param>
    /// <param name="complement">Whether "to go with my X" looks for products that go with one they own.</param>
    public async Task<ProductRecommendations> RecommendAsync(string category, string requestText, bool complement, CancellationToken ct)
    {
        if (await SuggestionMoments.WhenAskedAsync(turn, ct) != SuggestionMoments.Blocker.None)
        {
            return new ProductRecommendations(ProductRecommendations.NotNow, []);
        }
        var db = turn.Db;
        var categories = new CategoryMatcher(await db.ProductCategories.AsNoTracking().ToListAsync(ct));
        var profiles = (await db.Products.AsNoTracking().Include(p => p.Category).ToListAsync(ct)).ToDictionary(p => p.Id, p => new ProductProfile(p));
        var owned = await OwnedProducts.LoadAsync(turn, profiles, categories, ct);
        var earlier = await EarlierMessagesAsync(ct);

        var request = ProductRequest.Parse(requestText);
        var wanted = categories.Find(request.WantedText, request.Kinds);
        // In "which soundbar goes with my tv" the extractor's category may be the owned product's: the wanted text says what is wanted.
        var given = complement && request.Complement is not null ? null : categories.Resolve(category);
        if (wanted.Count == 0 && given is null && request.Kinds.Count == 0 && request.Complement is null
            && earlier.FirstOrDefault() is { HandledBy: DialogName } previous && previous.Text != requestText)
        {
            request = request.After(ProductRequest.Parse(previous.Text));
            wanted = categories.Find(request.WantedText, request.Kinds);
        }
        if (wanted.Count == 0 && given is not null)
        {
            wanted = [given];
        }

        var available = profiles.Values.Where(p => p.Product.InStock && !owned.EverOrdered.Contains(p.Product.Id)).ToList();
        if (complement && request.Complement is { } target)
        {
            var mine = target.IsPronoun ? earlier.Select(m => owned.Find(m.Text)).FirstOrDefault(p => p is not null) : owned.Find(target.Words);
            if (mine is not null)
            {
                return await ComplementAsync(mine, available, request, await SalesAsync(ct), ct);
            }
            if (wanted.Count == 0 && request.Kinds.Count == 0)
            {
                return target.IsPronoun
                    ? new ProductRecommendations(ProductRecommendations.NeedCategory, [])
                    : new ProductRecommendations(ProductRecommendations.NotOwned, []) { Target = target.Words };
            }
        }
        if (!request.HasPriceOrUse)
        {
            var personal = await PersonalAsync(wanted, request, profiles, owned, earlier.Select(m => m.Text).Prepend(requestText), ct);
            if (personal is not null)
            {
                return personal;
            }
        }
        if (wanted.Count == 0 && !request.HasConstraints)
        {
            return new ProductRecommendations(ProductRecommendations.NeedCategory, []);
        }
        return Constrained(wanted, available, profiles.Values.Where(p => p.Product.InStock).ToList(), request, await SalesAsync(ct));
    }

    private ProductRecommendations Constrained(IReadOnlyList<ProductCategory> wanted, List<ProductProfile> available, List<ProductProfile> inStock,
        ProductRequest request, IReadOnlyDictionary<int, int> sales)
    {
        var slugs = wanted.Select(c => c.Slug).ToHashSet();
        bool InWanted(ProductProfile p) => slugs.Count == 0 || slugs.Contains(p.Product.CategorySlug);
        var pool = available.Where(InWanted).ToList();
        var kind = request.Kinds.FirstOrDefault(k => pool.Any(p => IsKind(p, k)));
        if (kind is not null)
        {
            pool = pool.Where(p => request.Kinds.Any(k => IsKind(p, k))).ToList();
        }
        var cheapest = CheapThresholds(inStock.Where(p => InWanted(p) && (kind is null || request.Kinds.Any(k => IsKind(p, k)))));
        decimal? MaxPrice(ProductProfile p) =>
            request.Budget?.Max ?? (request.WantsCheap && cheapest.TryGetValue(p.Product.CategorySlug, out var cheap) ? cheap : null);

        var outcome = ConstrainedPicker.Choose(pool, request, MaxPrice, sales, acrossCategories: slugs.Count == 0 && kind is null, Count);
        var kinds = request.Kinds.Where(k => pool.Any(p => IsKind(p, k))).Select(k => k.Plural).ToList();
        var subject = kind is null ? RecommendationText.Subjects(wanted) : RecommendationText.List(kinds);
        var budget = request.Budget?.Describe() ?? "";
        var uses = RecommendationText.Uses(outcome.ShownUses);
        var selection = !request.HasPriceOrUse ? $"our best sellers in {subject}"
            : request.WantsCheap && request.Budget is null ? RecommendationText.Join(wanted.Count == 0 && kind is null ? "some of our most affordable ideas" : "our most affordable " + subject, uses)
            : RecommendationText.Join(subject, uses, budget);
        if (request.Budget is { IsPounds: false })
        {
            selection += " (our prices are in pounds)";
        }
        Record(outcome.Picks);
        return new ProductRecommendations(outcome.Status, outcome.Picks.Select(Suggestion).ToList())
        {
            Subject = subject,
            Budget = budget,
            Selection = selection,
        };
    }

    private async Task<ProductRecommendations> ComplementAsync(ProductProfile mine, List<ProductProfile> available, ProductRequest request,
        IReadOnlyDictionary<int, int> sales, CancellationToken ct)
    {
        var pool = available;
        if (request.Kinds.FirstOrDefault(k => pool.Any(p => IsKind(p, k))) is not null)
        {
            pool = pool.Where(p => request.Kinds.Any(k => IsKind(p, k))).ToList();
        }
        var bought = await CoPurchases.LoadAsync(turn.Db, mine.Product.Id, ct);
        var affordable = request.Budget is { } budget ? pool.Where(p => budget.Fits(p.Product.Price)).ToList() : pool;
        var picks = ComplementPicker.Choose(mine, affordable, bought, sales, Count);
        var status = ProductRecommendations.Complement;
        if (picks.Count == 0 && request.Budget is { } limit)
        {
            picks = ComplementPicker.Choose(mine, pool, bought, sales, pool.Count).OrderBy(p => p.Profile.Product.Price).Take(Count)
                .Select(p => p with { Reason = $"{Formats.Money(p.Profile.Product.Price - limit.Max)} over your budget", Strategy = RecommendationStrategies.OverBudgetCheapest })
                .ToList();
            status = picks.Count > 0 ? ProductRecommendations.OverBudget : ProductRecommendations.None;
        }
        else if (picks.Count == 0)
        {
            status = ProductRecommendations.None;
        }
        Record(picks);
        return new ProductRecommendations(status, picks.Select(Suggestion).ToList())
        {
            Subject = $"things to go with your {mine.Product.Name}",
            Budget = request.Budget?.Describe() ?? "",
            Selection = RecommendationText.Join($"things to go with your {mine.Product.Name}", request.Budget?.Describe() ?? ""),
            Owned = mine.Product.Name,
        };
    }

    private static bool IsKind(ProductProfile p, ProductKind kind) => kind.Terms.Any(p.Is);

    /// <summary>"Cheap" is the lower third of a category's prices: the price of its cheapest third's dearest product.</summary>
    private static Dictionary<string, decimal> CheapThresholds(IEnumerable<ProductProfile> products) =>
        products.GroupBy(p => p.Product.CategorySlug).ToDictionary(g => g.Key, g =>
        {
            var prices = g.Select(p => p.Product.Price).Order().ToList();
            return prices[Math.Max(0, (prices.Count + 2) / 3 - 1)];
        });

    private Task<IReadOnlyDictionary<int, int>> SalesAsync(CancellationToken ct) => services.Sales.GetAsync(turn.Db, turn.Now, ct);

    private sealed record EarlierMessage(string Text, string? HandledBy);

    /// <summary>The customer's messages before this turn's, newest first.</summary>
    private async Task<List<EarlierMessage>> EarlierMessagesAsync(CancellationToken ct)
    {
        var messages = await turn.Db.Interactions.AsNoTracking()
            .Where(i => i.ConversationId == turn.ConversationId && i.Direction == InteractionDirection.Inbound)
            .OrderByDescending(i => i.Id).Take(ContextMessages + 1)
            .Select(i => new { i.Text, i.HandledBy, i.Timestamp })
            .ToListAsync(ct);
        return messages.SkipWhile(m => m.Timestamp >= turn.Now).Take(ContextMessages).Select(m => new EarlierMessage(m.Text, m.HandledBy)).ToList();
    }

    private void Record(IReadOnlyList<Pick> picks)
    {
        int rank = 0;
        foreach (var pick in picks)
        {
            turn.Db.RecommendationEvents.Add(new RecommendationEvent
            {
                ConversationId = turn.ConversationId,
                CustomerId = turn.Customer?.Id,
                ProductId = pick.Profile.Product.Id,
                Strategy = pick.Strategy,
                Rank = ++rank,
                ShownAt = turn.Now,
            });
        }
    }

    private static ProductSuggestion Suggestion(Pick pick)
    {
        var p = pick.Profile.Product;
        return new ProductSuggestion(p.Sku, p.Name, p.Brand, pick.Profile.CategoryName, p.Price, Formats.Money(p.Price), p.Description, pick.Reason);
    }
}

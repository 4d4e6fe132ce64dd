using CrmBot.Core.Products;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// Chooses suggestions for a request with constraints: never above the budget, ranked by how well tags and description
/// match what it is for, then by recent sales, with a little diversity so three suggestions are not one brand.
/// </summary>
internal static class ConstrainedPicker
{
    // A use a product matches outweighs being in the price range, which outweighs sales; a product made for another
    // audience (a kids' watch for a marathon runner) sinks below everything else.
    private const double UsePoints = 10, InRangePoints = 5, AudiencePenalty = 3, SameGroupPenalty = 4;

    public sealed record Outcome(string Status, IReadOnlyList<Pick> Picks, IReadOnlyList<ProductUse> ShownUses);

    /// <param name="pool">In stock, not owned, of the asked categories and kinds.</param>
    /// <param name="maxPrice">The most the customer will pay for a product, if they said (a budget, or "cheap" in its category).</param>
    /// <param name="acrossCategories">No category was asked for: only products that match a use, one category at a time.</param>
    public static Outcome Choose(IReadOnlyList<ProductProfile> pool, ProductRequest request, Func<ProductProfile, decimal?> maxPrice,
        IReadOnlyDictionary<int, int> sales, bool acrossCategories, int count)
    {
        if (pool.Count == 0)
        {
            return new Outcome(ProductRecommendations.None, [], []);
        }
        var affordable = pool.Where(p => maxPrice(p) is not { } max || p.Product.Price <= max).ToList();
        if (affordable.Count == 0)
        {
            var suitable = pool.Where(p => p.Audience is null || request.Uses.Any(u => u.Audience == p.Audience)).ToList();
            var closest = (suitable.Count > 0 ? suitable : pool)
                .OrderBy(p => p.Product.Price).ThenBy(p => p.Product.Sku, StringComparer.Ordinal).Take(count)
                .Select(p => new Pick(p, $"{Formats.Money(p.Product.Price - maxPrice(p)!.Value)} over your budget", RecommendationStrategies.OverBudgetCheapest))
                .ToList();
            return new Outcome(ProductRecommendations.OverBudget, closest, []);
        }

        int topSales = Math.Max(1, affordable.Max(p => sales.GetValueOrDefault(p.Product.Id)));
        var scored = affordable.Select(p => new Scored(p, Relevance(p, request), request.Budget?.InRange(p.Product.Price) ?? true,
            sales.GetValueOrDefault(p.Product.Id) / (double)topSales)).ToList();
        if (scored.Any(s => s.Relevance >= 0))
        {
            scored.RemoveAll(s => s.Relevance < 0);
        }
        if (acrossCategories && request.Uses.Count > 0 && scored.Any(s => s.Relevance > 0))
        {
            scored.RemoveAll(s => s.Relevance <= 0);
        }
        // Below an "around" or "between" range a product only earns its place by matching what it is for.
        if (scored.Any(s => s.InRange))
        {
            scored.RemoveAll(s => !s.InRange && s.Relevance <= 0);
        }

        var picks = new List<Scored>();
        while (picks.Count < count && scored.Count > 0)
        {
            var next = scored.MaxBy(s => s.Score - SameGroupPenalty * picks.Count(p => Group(p, acrossCategories) == Group(s, acrossCategories)))!;
            picks.Add(next);
            scored.Remove(next);
        }
        var shown = request.Uses.Where(u => picks.Any(p => p.Profile.Evidence(u.Terms) is not null)).ToList();
        var strategy = request.HasPriceOrUse ? RecommendationStrategies.Constrained : RecommendationStrategies.BestSellers;
        return new Outcome(ProductRecommendations.Ok, picks.Select(p => new Pick(p.Profile, Reason(p.Profile, request, maxPrice), strategy)).ToList(), shown);
    }

    private sealed record Scored(ProductProfile Profile, double Relevance, bool InRange, double SalesShare)
    {
        public double Score => Relevance * UsePoints + (InRange ? InRangePoints : 0) + SalesShare;
    }

    private static string Group(Scored s, bool acrossCategories) => acrossCategories ? s.Profile.Product.CategorySlug : s.Profile.Product.Brand;

    private static double Relevance(ProductProfile p, ProductRequest request)
    {
        // The first terms of a use say the most ("running watch" for running), the last the least ("gps").
        double relevance = request.Uses.Select(u => (Use: u, Match: p.Match(u.Terms)))
            .Where(x => x.Match is not null)
            .Sum(x => x.Use.Weight * (1 - 0.5 * x.Match!.Value.Index / Math.Max(1, x.Use.Terms.Count - 1)));
        if (p.Audience is not null && !request.Uses.Any(u => u.Audience == p.Audience))
        {
            relevance -= AudiencePenalty;
        }
        return relevance;
    }

    private static string Reason(ProductProfile p, ProductRequest request, Func<ProductProfile, decimal?> maxPrice)
    {
        var parts = new List<string>();
        var best = request.Uses.Select(u => (Use: u, Evidence: p.Evidence(u.Terms))).Where(x => x.Evidence is not null)
            .OrderByDescending(x => x.Use.Weight).FirstOrDefault();
        if (best.Use is not null)
        {
            parts.Add(best.Use.Reason.Contains(best.Evidence!, StringComparison.OrdinalIgnoreCase) || best.Use.Phrase.Contains(best.Evidence!, StringComparison.OrdinalIgnoreCase)
                ? best.Use.Reason
                : $"{best.Use.Reason}: {best.Evidence}");
        }
        if (request.Budget is { } budget)
        {
            parts.Add(budget.Reason(p.Product.Price));
        }
        else if (request.WantsCheap && maxPrice(p) is not null)
        {
            parts.Add($"Among our lowest-priced {RecommendationText.CategoryDisplay(p.Product.Category)}");
        }
        return parts.Count > 0 ? string.Join(". ", parts) : $"A best seller in {p.CategoryName}";
    }
}

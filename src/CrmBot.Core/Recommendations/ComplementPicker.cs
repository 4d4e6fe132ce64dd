using CrmBot.Core.Products;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// Chooses products that go with one the customer owns: what the complement rules pair with it, accessories whose
/// tags name its brand or line (a Strato controller for a Strato console, a "Mira mount" lens for a Halden Mira), and what customers who bought it also bought. Never another
/// product of the same kind, which would replace it rather than go with it.
/// </summary>
internal static class ComplementPicker
{
    private const double CompatiblePoints = 10, OftenPoints = 2, SameKindPenalty = 6;

    public static IReadOnlyList<Pick> Choose(ProductProfile owned, IReadOnlyList<ProductProfile> pool, CoPurchases bought,
        IReadOnlyDictionary<int, int> sales, int count)
    {
        var rules = ComplementRules.For(owned);
        var pairings = rules.SelectMany(r => r.Pairings).ToList();
        // Accessories name what they fit in their tags: the brand ("Strato") or the product line ("Mira mount").
        var fits = new HashSet<string>(StringComparer.Ordinal) { owned.Product.Brand.ToLowerInvariant() };
        if (owned.Name.Split(' ') is [_, var line, ..] && line.Length >= 3 && line.All(char.IsLetter))
        {
            fits.UnionWith([line, line + " mount"]);
        }
        int topSales = Math.Max(1, pool.Count == 0 ? 1 : pool.Max(p => sales.GetValueOrDefault(p.Product.Id)));

        var candidates = new List<Candidate>();
        foreach (var p in pool)
        {
            if (p.Product.Id == owned.Product.Id || ComplementRules.IsSubstitute(owned, p, rules))
            {
                continue;
            }
            var pairing = pairings.Select((x, i) => (Pairing: x, Index: i)).FirstOrDefault(x => p.Is(x.Pairing.Term));
            bool sameLine = p.LowerTags.Any(fits.Contains);
            bool often = bought.Often(p.Product.Id);
            bool strongly = bought.Strongly(p.Product.Id) && p.Product.CategorySlug != owned.Product.CategorySlug;
            if (pairing.Pairing is null && !sameLine && !strongly)
            {
                continue;
            }
            double score = (pairing.Pairing is not null || sameLine ? CompatiblePoints - 0.5 * Math.Min(pairing.Pairing is null ? 0 : pairing.Index, 6) : 0)
                + (often ? OftenPoints + Math.Min(bought.Lift(p.Product.Id), 3) : 0)
                + sales.GetValueOrDefault(p.Product.Id) / (double)topSales;
            candidates.Add(new Candidate(p, pairing.Pairing, sameLine, often, score));
        }

        var picks = new List<Candidate>();
        while (picks.Count < count && candidates.Count > 0)
        {
            var next = candidates.MaxBy(c => c.Score - SameKindPenalty * picks.Count(p => p.Kind == c.Kind))!;
            picks.Add(next);
            candidates.Remove(next);
        }
        return picks.Select(c => new Pick(c.Profile, Reason(c, owned), c.Often ? RecommendationStrategies.CoPurchase : RecommendationStrategies.Compatible)).ToList();
    }

    private sealed record Candidate(ProductProfile Profile, ComplementRules.Pairing? Pairing, bool SameLine, bool Often, double Score)
    {
        public string Kind => Pairing?.Term ?? Profile.Product.CategorySlug;
    }

    private static string Reason(Candidate c, ProductProfile owned) => c switch
    {
        { Often: true, Pairing: { } pairing } => $"Often bought with your {owned.Product.Name}; {pairing.Why}",
        { Often: true } => $"Often bought with your {owned.Product.Name}",
        { Pairing: { } pairing } => $"Goes with your {owned.Product.Name}: {pairing.Why}",
        _ => $"Works with your {owned.Product.Name}",
    };
}

namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// Suggests items: gathers candidates from every source, leaves out what the customer owns and what is unavailable,
/// describes each candidate by its signals, ranks them (popularity, the hand-weighted blend or the learned ranker),
/// spreads the top over categories and says why each was chosen. Immutable, so one instance serves every thread.
/// </summary>
public sealed class Recommender(PurchaseIndex index, IReadOnlyDictionary<string, CatalogueItem> catalogue, LearnedRanker? ranker, BlendWeights? weights = null)
{
    private readonly BlendWeights blend = weights ?? new BlendWeights();

    public PurchaseIndex Index => index;
    public bool HasRanker => ranker is not null;

    /// <summary>The method actually used for a query: the learned ranker only when there is one, anything personal only with a history.</summary>
    public RankingMethod MethodFor(RecommendationQuery query) => query.Method switch
    {
        _ when !query.Taste.IsKnown => RankingMethod.Popularity,
        RankingMethod.Ranker when ranker is null => RankingMethod.Blend,
        var m => m,
    };

    public IReadOnlyList<Suggestion> Recommend(RecommendationQuery query)
    {
        var method = MethodFor(query);
        var candidates = Describe(query);
        if (candidates.Count == 0)
        {
            return [];
        }
        var scored = candidates.Select(c => (Features: c, Score: Score(method, c))).ToList();
        double max = scored.Max(s => s.Score), min = scored.Min(s => s.Score);
        double range = max - min > 1e-9 ? max - min : 1;
        bool shopping = method != RankingMethod.Popularity && query.Context.Categories.Count > 0 && query.Taste.LogPrice is not null;

        var picks = new List<(CandidateFeatures Features, double Score)>();
        var perCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var priceFit = shopping ? PriceLevelFit(candidates, query.Taste.LogPrice!.Value) : null;
        var pool = scored.Select(s => (s.Features, Normalised: (s.Score - min) / range + (priceFit is null ? 0 : blend.PriceFitWhenShopping * priceFit[s.Features.Item]))).ToList();
        while (picks.Count < query.Count && pool.Count > 0)
        {
            // Greedy re-ranking: each earlier pick from the same category costs a candidate a little of its score.
            var best = pool.MaxBy(p => p.Normalised
                - (query.Diversify ? index.Settings.DiversityPenalty * perCategory.GetValueOrDefault(CategoryOf(p.Features.Item)) : 0));
            pool.Remove(best);
            picks.Add((best.Features, best.Normalised));
            var category = CategoryOf(best.Features.Item);
            perCategory[category] = perCategory.GetValueOrDefault(category) + 1;
        }
        return picks.Select(p => Explain(p.Features, p.Score, method, query)).ToList();
    }

    /// <summary>The candidates of a query with their signals, owned and unavailable items left out.</summary>
    public IReadOnlyList<CandidateFeatures> Describe(RecommendationQuery query)
    {
        var settings = index.Settings;
        var taste = query.Taste;
        var bought = CandidateSources.CoPurchase(index, taste);
        var mentioned = CandidateSources.MentionedItems(index, query.Context);
        var items = new HashSet<int>();
        items.UnionWith(bought.OrderByDescending(b => b.Value.Score).Take(settings.CandidatesPerSource).Select(b => b.Key));
        items.UnionWith(CandidateSources.FavouriteCategories(index, taste, settings.CandidatesPerCategory).Select(x => x.Item));
        items.UnionWith(CandidateSources.Popular(index, settings.CandidatesPerSource));
        items.UnionWith(mentioned.Keys);
        items.UnionWith(CandidateSources.MentionedCategories(index, query.Context, settings.CandidatesPerCategory));

        var allowed = items.Where(i => Allowed(index.ItemIds[i], taste, query.Allow)).ToList();
        if (allowed.Count < query.Count && query.Allow is not null)
        {
            // A narrow request (one kind of product) may have nothing among the usual candidates: look at all of it.
            allowed = Enumerable.Range(0, index.ItemIds.Count).Where(i => Allowed(index.ItemIds[i], taste, query.Allow)).ToList();
        }
        double maxBought = allowed.Select(i => bought.GetValueOrDefault(i).Score).DefaultIfEmpty(0).Max();
        double maxMentioned = allowed.Select(i => mentioned.GetValueOrDefault(i).Score).DefaultIfEmpty(0).Max();
        double historySize = Math.Log(1 + taste.Owned.Count);
        var mentionedCategories = query.Context.Categories.ToHashSet(StringComparer.Ordinal);
        return allowed.Select(i =>
        {
            var category = index.Categories[i];
            var b = bought.GetValueOrDefault(i);
            var m = mentioned.GetValueOrDefault(i);
            return new CandidateFeatures
            {
                Item = i,
                CoPurchase = b.Score,
                CoPurchaseRelative = maxBought > 0 ? b.Score / maxBought : 0,
                BoughtWith = b.Score > 0 ? b.Because : null,
                CategoryShare = taste.CategoryShare.GetValueOrDefault(category),
                Popularity = index.Popularity[i],
                PopularityInCategory = index.PopularityInCategory[i],
                MentionedCategory = mentionedCategories.Contains(category) ? 1 : 0,
                MentionedItemRelative = maxMentioned > 0 ? m.Score / maxMentioned : 0,
                MentionedWith = m.Score > 0 ? m.Because : null,
                PriceFit = taste.PriceFit(catalogue[index.ItemIds[i]].Price),
                HistorySize = historySize,
                KnownCategory = taste.CategoryShare.ContainsKey(category) ? 1 : 0,
            };
        }).ToList();
    }

    /// <summary>
    /// 1 for the candidate whose price is nearest the customer's usual level (on the log scale), 0 for the farthest:
    /// relative, so a customer who usually spends more than anything in the category still gets its dearest first.
    /// </summary>
    private Dictionary<int, double> PriceLevelFit(IReadOnlyList<CandidateFeatures> candidates, double logPrice)
    {
        var distance = candidates.ToDictionary(c => c.Item, c => Math.Abs(Math.Log(Math.Max(0.01, catalogue[index.ItemIds[c.Item]].Price)) - logPrice));
        double near = distance.Values.Min(), far = distance.Values.Max();
        return distance.ToDictionary(d => d.Key, d => far - near > 1e-9 ? (far - d.Value) / (far - near) : 1);
    }

    private bool Allowed(string id, CustomerTaste taste, Func<CatalogueItem, bool>? allow) =>
        catalogue.TryGetValue(id, out var item) && item.Available && !taste.Owned.Contains(id) && (allow is null || allow(item));

    private double Score(RankingMethod method, CandidateFeatures f) => method switch
    {
        RankingMethod.Ranker => ranker!.Score(f),
        RankingMethod.Blend => blend.Score(f),
        _ => f.Popularity + blend.MentionedCategory * f.MentionedCategory + blend.MentionedItem * f.MentionedItemRelative,
    };

    private string CategoryOf(int item) => index.Categories[item];

    private Suggestion Explain(CandidateFeatures f, double score, RankingMethod method, RecommendationQuery query)
    {
        var id = index.ItemIds[f.Item];
        var categoryName = catalogue[id].CategoryName;
        // The reason quotes the signal that added most to the blend (whatever ranked it), among those that tell this
        // candidate apart: a category everything shown is in is no reason.
        var everyCandidateInMentioned = query.Allow is not null && f.MentionedCategory > 0;
        var options = new List<(double Weight, SuggestionReason Kind, string Text)>();
        if (f.MentionedWith is { } said && f.MentionedItemRelative > 0.3)
        {
            options.Add((blend.MentionedItem * f.MentionedItemRelative, SuggestionReason.BoughtTogether, $"Customers who bought the {Name(said)} also bought this"));
        }
        if (method != RankingMethod.Popularity && f.BoughtWith is { } owned && f.CoPurchaseRelative > 0.3)
        {
            options.Add((blend.CoPurchase * f.CoPurchaseRelative, SuggestionReason.BoughtTogether, $"Customers who bought the {Name(owned)} also bought this"));
        }
        if (method != RankingMethod.Popularity && f.CategoryShare >= 0.15)
        {
            options.Add((blend.CategoryShare * f.CategoryShare + blend.PopularityInCategory * f.PopularityInCategory, SuggestionReason.FavouriteCategory,
                $"Popular in {categoryName}, a category you buy from"));
        }
        if (f.MentionedCategory > 0 && !everyCandidateInMentioned)
        {
            options.Add((blend.MentionedCategory * f.MentionedCategory, SuggestionReason.MentionedCategory, $"Popular in {categoryName} right now"));
        }
        var (_, kind, text) = options.Count > 0
            ? options.MaxBy(o => o.Weight)
            : everyCandidateInMentioned
                ? (0, SuggestionReason.MentionedCategory, f.PopularityInCategory >= 0.5 ? $"One of the most popular in {categoryName} right now" : $"Popular in {categoryName} right now")
                : (0, SuggestionReason.Popular, "Popular right now");
        return new Suggestion(id, score, text, kind, method);
    }

    private string Name(int item) => catalogue.TryGetValue(index.ItemIds[item], out var c) ? c.Name : index.ItemIds[item];
}

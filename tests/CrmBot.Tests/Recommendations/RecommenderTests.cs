using CrmBot.Intelligence.Recommendations;
using static CrmBot.Tests.Recommendations.Purchases;

namespace CrmBot.Tests.Recommendations;

public class RecommenderTests
{
    /// <summary>Buyers of the Aurora X2 also buy its stand; a laptop is the best seller by far; "me" owns an Aurora X2 and an old TV.</summary>
    private static readonly List<Purchase> Shop =
    [
        .. Each(1, 6, ("aurora-x2", "audio"), ("stand", "accessories")),
        .. Each(7, 30, ("laptop", "laptops")),
        .. Each(31, 33, ("earbuds", "audio")),
        Buy("me", "aurora-x2", "audio", daysAgo: 5, price: 300),
        Buy("me", "old-tv", "tvs", daysAgo: 5, price: 300),
    ];

    private static Recommender Engine(IEnumerable<Purchase> purchases, params string[] unavailable)
    {
        var list = purchases.ToList();
        return new Recommender(PurchaseIndex.Build(list, Now), Catalogue(list, unavailable), ranker: null);
    }

    private static CustomerTaste TasteOf(Recommender engine, string customer) =>
        CustomerTaste.From(engine.Index.History(customer), Now, engine.Index.Settings.TasteHalfLife);

    [Fact]
    public void Blend_puts_what_goes_with_the_customers_purchase_first_and_says_why()
    {
        var engine = Engine(Shop);

        var picks = engine.Recommend(new RecommendationQuery(TasteOf(engine, "me"), RecommendationContext.None, null, 3, RankingMethod.Blend));

        Assert.Equal("stand", picks[0].Item);
        Assert.Equal("Customers who bought the aurora-x2 also bought this", picks[0].Reason);
        Assert.Equal(SuggestionReason.BoughtTogether, picks[0].Kind);
        Assert.Equal(RankingMethod.Blend, picks[0].Method);
    }

    [Fact]
    public void Popularity_ignores_the_customer_and_shows_the_best_seller()
    {
        var engine = Engine(Shop);

        var picks = engine.Recommend(new RecommendationQuery(TasteOf(engine, "me"), RecommendationContext.None, null, 3, RankingMethod.Popularity));

        Assert.Equal("laptop", picks[0].Item);
        Assert.Equal("Popular right now", picks[0].Reason);
    }

    [Fact]
    public void Owned_and_unavailable_items_are_never_suggested()
    {
        var engine = Engine(Shop, unavailable: "stand");

        var picks = engine.Recommend(new RecommendationQuery(TasteOf(engine, "me"), RecommendationContext.None, null, 10, RankingMethod.Blend));

        Assert.DoesNotContain(picks, p => p.Item is "stand" or "aurora-x2");
        Assert.Equal(["earbuds", "laptop"], picks.Select(p => p.Item).Order());
    }

    [Fact]
    public void An_anonymous_visitor_gets_popularity_leaning_to_the_category_mentioned()
    {
        var engine = Engine(Shop);
        var query = new RecommendationQuery(CustomerTaste.None, new RecommendationContext([], ["audio"]), null, 2, RankingMethod.Blend);

        var picks = engine.Recommend(query);

        Assert.Equal(RankingMethod.Popularity, engine.MethodFor(query));
        Assert.Equal("aurora-x2", picks[0].Item);
        Assert.Equal("Popular in Audio right now", picks[0].Reason);
    }

    [Fact]
    public void The_customers_favourite_category_outweighs_what_is_popular_elsewhere()
    {
        var purchases = Shop.Concat([Buy("fan", "earbuds", "audio", daysAgo: 20), Buy("fan", "aurora-x2", "audio", daysAgo: 40)]).ToList();
        purchases.AddRange(Each(40, 45, ("speaker", "audio")));
        var engine = Engine(purchases);

        var picks = engine.Recommend(new RecommendationQuery(TasteOf(engine, "fan"), RecommendationContext.None, null, 1, RankingMethod.Blend));

        Assert.Equal("audio", engine.Index.Categories[engine.Index.ItemNumber(picks[0].Item)!.Value]);
        Assert.Equal("Popular in Audio, a category you buy from", picks[0].Reason);
    }

    [Fact]
    public void When_shopping_for_a_category_the_customers_price_level_beats_the_cheap_best_seller()
    {
        var purchases = new List<Purchase>();
        purchases.AddRange(Enumerable.Range(1, 20).Select(c => Buy($"c{c}", "wired-earphones", "audio", price: 25)));
        purchases.AddRange(Enumerable.Range(21, 14).Select(c => Buy($"c{c}", "premium-headphones", "audio", price: 300)));
        purchases.Add(Buy("c40", "audiophile-headphones", "audio", price: 1200));
        purchases.AddRange([Buy("big", "laptop", "laptops", daysAgo: 30, price: 900), Buy("big", "tablet", "tablets", daysAgo: 60, price: 450)]);
        purchases.AddRange([Buy("small", "cable", "accessories", daysAgo: 30, price: 10), Buy("small", "mouse", "accessories", daysAgo: 60, price: 20)]);
        var engine = Engine(purchases);
        RecommendationQuery Audio(string who) => new(TasteOf(engine, who), new RecommendationContext([], ["audio"]), c => c.Category == "audio", 2, RankingMethod.Blend);

        Assert.Equal("premium-headphones", engine.Recommend(Audio("big"))[0].Item);
        Assert.Equal("wired-earphones", engine.Recommend(Audio("small"))[0].Item);
    }

    [Fact]
    public void Suggestions_spread_over_categories()
    {
        // Four audio items sell equally, a laptop nearly as well: without spreading, the top three are all audio.
        var purchases = new List<Purchase>();
        foreach (var item in new[] { "a1", "a2", "a3", "a4" })
        {
            purchases.AddRange(Enumerable.Range(1, 10).Select(c => Buy($"{item}-{c}", item, "audio")));
        }
        purchases.AddRange(Enumerable.Range(1, 9).Select(c => Buy($"l-{c}", "laptop", "laptops")));
        purchases.Add(Buy("z-1", "rarely-sold", "accessories"));
        var engine = Engine(purchases);
        IReadOnlyList<string> Top(bool diversify) =>
            engine.Recommend(new RecommendationQuery(CustomerTaste.None, RecommendationContext.None, null, 3, RankingMethod.Popularity, diversify)).Select(p => p.Item).ToList();

        Assert.DoesNotContain("laptop", Top(diversify: false));
        Assert.Contains("laptop", Top(diversify: true));
    }
}

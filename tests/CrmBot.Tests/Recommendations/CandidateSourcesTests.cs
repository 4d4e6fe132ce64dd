using CrmBot.Intelligence.Recommendations;
using static CrmBot.Tests.Recommendations.Purchases;

namespace CrmBot.Tests.Recommendations;

public class CandidateSourcesTests
{
    [Fact]
    public void Co_purchase_finds_what_buyers_of_an_owned_item_also_bought_and_which_item_points_there()
    {
        var purchases = Each(1, 4, ("aurora-x2", "audio"), ("cable", "accessories"))
            .Concat(Each(5, 8, ("laptop", "laptops"), ("mouse", "accessories")))
            .Append(Buy("me", "aurora-x2", "audio")).ToList();
        var index = PurchaseIndex.Build(purchases, Now);
        var me = CustomerTaste.From(index.History("me"), Now, index.Settings.TasteHalfLife);

        var found = CandidateSources.CoPurchase(index, me);

        var cable = index.ItemNumber("cable")!.Value;
        Assert.Contains(cable, found.Keys);
        Assert.Equal(index.ItemNumber("aurora-x2"), found[cable].Because);
        Assert.True(found[cable].Score > 0.5, $"cosine {found[cable].Score}");
        Assert.DoesNotContain(index.ItemNumber("mouse")!.Value, found.Keys);
        Assert.DoesNotContain(index.ItemNumber("laptop")!.Value, found.Keys);
    }

    [Fact]
    public void Two_customers_are_needed_before_items_count_as_bought_together()
    {
        var purchases = new[] { Buy("c1", "tv", "tvs"), Buy("c1", "odd-cable", "accessories"), Buy("me", "tv", "tvs") };
        var index = PurchaseIndex.Build(purchases, Now);

        var found = CandidateSources.CoPurchase(index, CustomerTaste.From(index.History("me"), Now, index.Settings.TasteHalfLife));

        Assert.Empty(found);
    }

    [Fact]
    public void Category_affinity_weighs_recent_purchases_more_than_old_ones()
    {
        var purchases = new[]
        {
            Buy("me", "speaker", "audio", daysAgo: 700), Buy("me", "earbuds", "audio", daysAgo: 690), Buy("me", "soundbar", "audio", daysAgo: 680),
            Buy("me", "laptop", "laptops", daysAgo: 7),
            Buy("c1", "laptop-2", "laptops", daysAgo: 3), Buy("c2", "headphones", "audio", daysAgo: 3),
        };
        var index = PurchaseIndex.Build(purchases, Now);
        var me = CustomerTaste.From(index.History("me"), Now, index.Settings.TasteHalfLife);

        Assert.True(me.CategoryShare["laptops"] > me.CategoryShare["audio"], $"laptops {me.CategoryShare["laptops"]:F2}, audio {me.CategoryShare["audio"]:F2}");
        Assert.Equal(1.0, me.CategoryShare.Values.Sum(), 6);
        Assert.Equal("laptops", index.Categories[CandidateSources.FavouriteCategories(index, me, 5).First().Item]);
    }

    [Fact]
    public void Popularity_is_what_sells_now_rather_than_what_sold_months_ago()
    {
        var purchases = Enumerable.Range(1, 8).Select(c => Buy($"old{c}", "last-years-hit", "audio", daysAgo: 80))
            .Concat(Enumerable.Range(1, 5).Select(c => Buy($"new{c}", "new-hit", "audio", daysAgo: 2)))
            .Concat(Enumerable.Range(1, 20).Select(c => Buy($"gone{c}", "discontinued", "audio", daysAgo: 200)));
        var index = PurchaseIndex.Build(purchases, Now);

        var popular = CandidateSources.Popular(index, 3).Select(i => index.ItemIds[i]).ToList();

        Assert.Equal("new-hit", popular[0]);
        Assert.Equal(0f, index.Popularity[index.ItemNumber("discontinued")!.Value]);
    }

    [Fact]
    public void A_mentioned_product_brings_what_goes_with_it_and_a_mentioned_category_its_best_sellers()
    {
        var purchases = Each(1, 4, ("aurora-x2", "audio"), ("stand", "accessories"))
            .Concat(Each(5, 9, ("tv-big", "tvs")))
            .Concat(Each(10, 11, ("tv-small", "tvs"))).ToList();
        var index = PurchaseIndex.Build(purchases, Now);
        var context = new RecommendationContext(["aurora-x2"], ["tvs"]);

        var withItem = CandidateSources.MentionedItems(index, context);
        var inCategory = CandidateSources.MentionedCategories(index, context, 5).Select(i => index.ItemIds[i]).ToList();

        Assert.Equal(["stand"], withItem.Keys.Select(i => index.ItemIds[i]));
        Assert.Equal(["tv-big", "tv-small"], inCategory);
    }
}

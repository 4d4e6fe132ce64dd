using CrmBot.Core.Products;
using CrmBot.Intelligence.Entities;

namespace CrmBot.Tests.Products;

public class ProductGazetteerTests(RecommendationStore store) : IClassFixture<RecommendationStore>
{
    [Theory]
    [InlineData("is the stride gps in stock", "WEA-006")]
    [InlineData("does the easy call one have a charging stand", "PHN-009")]
    [InlineData("is the Orbyt Stride GPS waterproof", "WEA-006")]
    public async Task A_product_is_recognised_by_its_name_without_the_brand(string text, string sku)
    {
        var extractor = new EntityExtractor(await GazetteerAsync());

        Assert.Equal(sku, Assert.Single(extractor.Extract(text, new DateOnly(2026, 11, 22)), e => e.Type == EntityTypes.Product).Value);
    }

    [Theory]
    [InlineData("do you sell smart rings", "wearables")]
    [InlineData("recommend a laptop", "laptops")]
    public async Task A_short_name_never_hides_a_category_word(string text, string category)
    {
        var entities = new EntityExtractor(await GazetteerAsync()).Extract(text, new DateOnly(2026, 11, 22));

        Assert.Equal(category, Assert.Single(entities, e => e.Type == EntityTypes.Category).Value);
        Assert.DoesNotContain(entities, e => e.Type == EntityTypes.Product);
    }

    private async Task<CatalogGazetteer> GazetteerAsync()
    {
        await using var db = store.Store.Open();
        return await ProductGazetteer.BuildAsync(db, CancellationToken.None);
    }
}

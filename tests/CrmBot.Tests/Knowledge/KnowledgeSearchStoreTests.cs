using CrmBot.Core.Knowledge;
using CrmBot.Tests.Seeding;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Tests.Knowledge;

[Collection(SeededStoreCollection.Name)]
public sealed class KnowledgeSearchStoreTests(SeededStoreFixture fixture)
{
    [Fact]
    public async Task Search_loaded_from_the_store_answers_with_stored_article_ids()
    {
        await using var db = fixture.Store.Open();
        var search = await KnowledgeSearch.LoadAsync(db, CancellationToken.None);
        var returnsPolicy = await db.KnowledgeArticles.SingleAsync(a => a.Slug == "returns-policy");

        Assert.Equal(await db.KnowledgeArticles.CountAsync(), search.ArticleCount);
        var best = search.Search("what is your returns policy")[0];
        Assert.Equal((returnsPolicy.Id, returnsPolicy.Title, returnsPolicy.Summary), (best.ArticleId, best.Title, best.Summary));
    }
}

using CrmBot.Core.Orders;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Storage;
using CrmBot.Tests.Seeding;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.Recommendations;

public class SuggestionModelTests
{
    [Fact]
    public async Task Train_writes_a_fingerprinted_model_that_the_next_start_loads_and_a_new_order_makes_stale()
    {
        await using var store = await TestStore.CreateSeededAsync(SeededStoreFixture.Now);
        var options = Options.Create(new RecommendationOptions
        {
            Experiment = new ExperimentOptions { Name = "t", Arms = { [RecommendationStrategies.PersonalRanker] = 1 } },
        });
        var paths = new CrmBotPaths(store.DataDirectory, "", "");
        var now = store.Clock.GetUtcNow();
        await using var db = store.Open();

        var trained = await new SuggestionModel(paths, options, NullLogger<SuggestionModel>.Instance).LoadOrTrainAsync(db, now, force: true, CancellationToken.None);
        var loaded = await new SuggestionModel(paths, options, NullLogger<SuggestionModel>.Instance).LoadOrTrainAsync(db, now.AddHours(1), force: false, CancellationToken.None);
        var order = db.Orders.OrderBy(o => o.Id).First();
        db.OrderLines.Add(new OrderLine { OrderId = order.Id, ProductId = 1, Quantity = 1, UnitPrice = 1 });
        await db.SaveChangesAsync();
        var retrained = await new SuggestionModel(paths, options, NullLogger<SuggestionModel>.Instance).LoadOrTrainAsync(db, now.AddHours(2), force: false, CancellationToken.None);

        Assert.NotNull(trained);
        Assert.Equal(trained.RankerShips, File.Exists(Path.Combine(paths.ModelsDirectory, "recommender.zip")));
        Assert.NotNull(trained.BlendHitRate);
        Assert.Equal(trained, loaded);
        Assert.NotEqual(trained.Fingerprint, retrained!.Fingerprint);
        Assert.Equal(now.AddHours(2), retrained.TrainedAt);
    }
}

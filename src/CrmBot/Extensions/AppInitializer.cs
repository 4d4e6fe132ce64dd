using CrmBot.Core.Dialogs;
using CrmBot.Core.Models;
using CrmBot.Core.Products;
using CrmBot.Core.Storage;
using CrmBot.Core.Understanding;
using CrmBot.Core.Hosting;

namespace CrmBot.Extensions;

/// <summary>
/// Makes the app ready: migrated and seeded store, indexed knowledge base, trained and loaded models.
/// The web service runs it before it listens; the command-line verbs run it before they work.
/// </summary>
public sealed class AppInitializer(IServiceScopeFactory scopes, ModelStore models, DialogCatalog dialogs, MessageUnderstander understander, ILogger<AppInitializer> logger)
{
    public async Task InitializeAsync(bool retrainModels, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(ct);
        var gazetteer = await ProductGazetteer.BuildAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), ct);
        var (intents, sentiment) = await models.LoadOrTrainAsync(dialogs, retrainModels, ct);
        understander.Load(intents, sentiment, gazetteer);
        logger.LogInformation("Ready: {Dialogs} dialogs, {Intents} intents", dialogs.All.Count, intents.Labels.Count);
    }
}

using CrmBot.Core.Dialogs;
using CrmBot.Core.Models;
using CrmBot.Core.Products;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Profiles;
using CrmBot.Core.Review;
using CrmBot.Core.Seeding.History;
using CrmBot.Core.Storage;
using CrmBot.Core.Understanding;
using CrmBot.Core.Hosting;
using CrmBot.Core.Llm;

namespace CrmBot.Extensions;

/// <summary>
/// Makes the app ready: migrated and seeded store, indexed knowledge base, trained and loaded models, customer profiles.
/// The web service runs it before it listens; the command-line verbs run it before they work.
/// </summary>
public sealed class AppInitializer(
    IServiceScopeFactory scopes, ModelStore models, SuggestionModel suggestions, TimeProvider time, DialogCatalog dialogs, MessageUnderstander understander,
    ConversationHistorySeeder history, CustomerProfiler profiler, LanguageModel languageModel, ILogger<AppInitializer> logger)
{
    private volatile bool _completed;

    /// <summary>Whether <see cref="InitializeAsync"/> has finished: the store is migrated and seeded, the models are loaded.</summary>
    public bool Completed => _completed;

    public async Task InitializeAsync(bool retrainModels, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(ct);
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var gazetteer = await ProductGazetteer.BuildAsync(db, ct);
        // Reviewers' corrections are training data too; they only matter when a model is (re)trained.
        var reviewed = await LabelCorrections.TrainingExamplesAsync(db, ct);
        var (intents, sentiment) = await models.LoadOrTrainAsync(dialogs, reviewed, retrainModels, ct);
        understander.Load(intents, sentiment, gazetteer);
        // The recommender learns from the orders, so it is trained again whenever they changed (seconds for the demo shop).
        await suggestions.LoadOrTrainAsync(db, time.GetUtcNow(), retrainModels, ct);
        // The history's messages are labelled by the loaded models, so it is written after them.
        await SeedHistoryAsync(db, ct);
        // Profiles read the orders and the conversations (their sentiment, complaints, escalations), so they come last.
        await profiler.RefreshAsync(db, force: retrainModels, ct);
        _completed = true;
        // Taking the language model here reads the prompts at start, so a broken prompt folder stops start-up, not a turn.
        logger.LogInformation("Ready: {Dialogs} dialogs, {Intents} intents, language model {Model}", dialogs.All.Count, intents.Labels.Count,
            languageModel.Enabled ? languageModel.Model : "none");
    }

    /// <summary>Seeds the demo conversation history into a store that has none (a first start, or after <c>seed --reset</c>).</summary>
    public async Task<HistorySummary> SeedHistoryAsync(CrmDbContext db, CancellationToken ct)
    {
        var summary = await history.SeedIfEmptyAsync(db, ct);
        if (!summary.Seeded)
        {
            logger.LogInformation("Conversation history not seeded: {Reason}", summary.SkippedBecause);
        }
        return summary;
    }

    /// <summary>Profiles customers who have none yet, or all of them when the data changed (after <c>seed --reset</c>).</summary>
    public Task<ProfileReport> RefreshProfilesAsync(CrmDbContext db, CancellationToken ct) => profiler.RefreshAsync(db, force: false, ct);
}

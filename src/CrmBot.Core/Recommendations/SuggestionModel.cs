using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmBot.Core.Storage;
using CrmBot.Intelligence.Recommendations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// The recommendation engine as the shop runs it. <c>train</c> and start-up call <see cref="LoadOrTrainAsync"/>: the
/// learned ranker (when an experiment arm uses it, or on <c>train</c>) is kept in <c>models/recommender.zip</c> with a fingerprint of the orders it learned from (and of the
/// engine's build) in <c>recommender.json</c>; when the orders changed it is trained again (seconds for the demo's
/// 10,000 orders) and shipped only if it beat the hand-weighted blend on the validation split. The item index
/// (co-purchases, popularity) is rebuilt from the orders when older than <see cref="RecommendationOptions.IndexMaxAge"/>.
/// Thread-safe singleton: the current engine is replaced whole.
/// </summary>
public sealed class SuggestionModel(CrmBotPaths paths, IOptions<RecommendationOptions> options, ILogger<SuggestionModel> logger)
{
    public static readonly RecommenderSettings Settings = new();

    private readonly SemaphoreSlim rebuilding = new(1, 1);
    private volatile Snapshot? current;
    private volatile LearnedRanker? ranker;

    public string RankerFile => Path.Combine(paths.ModelsDirectory, "recommender.zip");
    public string ManifestFile => Path.Combine(paths.ModelsDirectory, "recommender.json");

    /// <summary>Whether the learned ranker beat the blend and is in use for the <see cref="RecommendationStrategies.PersonalRanker"/> arm.</summary>
    public bool RankerShips => ranker is not null;

    /// <summary>
    /// Loads the ranker if it is current, or trains it again (always with <paramref name="force"/>, as <c>train</c>
    /// does). At start-up, when no experiment arm uses the ranker, nothing is trained: the engine needs only its item
    /// index, built in milliseconds. Returns the manifest of the model in use, null when none was trained.
    /// </summary>
    public async Task<RecommenderManifest?> LoadOrTrainAsync(CrmDbContext db, DateTimeOffset now, bool force, CancellationToken ct)
    {
        Directory.CreateDirectory(paths.ModelsDirectory);
        var purchases = await StorePurchases.AllAsync(db, ct);
        var catalogue = await StorePurchases.CatalogueAsync(db, ct);
        if (!force && options.Value.Experiment.Arms.GetValueOrDefault(RecommendationStrategies.PersonalRanker) <= 0)
        {
            ranker = null;
            Publish(purchases, catalogue, now);
            return null;
        }
        var fingerprint = Fingerprint(purchases);
        var manifest = force ? null : await ReadManifestAsync(ct);
        if (manifest is not null && manifest.Fingerprint == fingerprint && (!manifest.RankerShips || File.Exists(RankerFile)))
        {
            try
            {
                ranker = manifest.RankerShips ? LearnedRanker.Load(RankerFile) : null;
                Publish(purchases, catalogue, now);
                WarnIfRankerArmWithoutRanker();
                return manifest;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException)
            {
                logger.LogWarning(e, "The recommender model file could not be read; retraining");
            }
        }

        var outcome = await Task.Run(() => RecommenderTraining.Train(purchases, now, catalogue, Settings, ct), ct);
        manifest = new RecommenderManifest(fingerprint, outcome.RankerShips, now, purchases.Count,
            outcome.BlendValidation?.HitRate, outcome.RankerValidation?.HitRate, outcome.BlendValidation?.Ndcg, outcome.RankerValidation?.Ndcg);
        if (outcome.Ranker is { } trained)
        {
            // A temporary name first, so a crash mid-write never leaves a half model that looks current.
            trained.Save(RankerFile + ".tmp");
            File.Move(RankerFile + ".tmp", RankerFile, overwrite: true);
        }
        else if (File.Exists(RankerFile))
        {
            File.Delete(RankerFile);
        }
        await File.WriteAllTextAsync(ManifestFile, JsonSerializer.Serialize(manifest, Json), ct);
        ranker = outcome.Ranker;
        Publish(purchases, catalogue, now);
        logger.LogInformation(
            "Trained the recommender on {Purchases} order lines in {Seconds:0.0} s; validation hit rate@10 blend {Blend:P1}, ranker {Ranker:P1}: the {Winner} ships",
            purchases.Count, outcome.Took.TotalSeconds, manifest.BlendHitRate ?? 0, manifest.RankerHitRate ?? 0, outcome.RankerShips ? "ranker" : "blend");
        WarnIfRankerArmWithoutRanker();
        return manifest;
    }

    /// <summary>The engine with an item index no older than the configured age at <paramref name="now"/>, rebuilt from <paramref name="db"/> otherwise.</summary>
    public async Task<Recommender> CurrentAsync(CrmDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (current is { } fresh && now - fresh.BuiltAt < options.Value.IndexMaxAge && now >= fresh.BuiltAt)
        {
            return fresh.Recommender;
        }
        await rebuilding.WaitAsync(ct);
        try
        {
            if (current is { } other && now - other.BuiltAt < options.Value.IndexMaxAge && now >= other.BuiltAt)
            {
                return other.Recommender;
            }
            return Publish(await StorePurchases.AllAsync(db, ct), await StorePurchases.CatalogueAsync(db, ct), now);
        }
        finally
        {
            rebuilding.Release();
        }
    }

    private Recommender Publish(IReadOnlyList<Purchase> purchases, IReadOnlyDictionary<string, CatalogueItem> catalogue, DateTimeOffset now)
    {
        var recommender = new Recommender(PurchaseIndex.Build(purchases, now, Settings), catalogue, ranker);
        current = new Snapshot(recommender, now);
        return recommender;
    }

    private void WarnIfRankerArmWithoutRanker()
    {
        if (ranker is null && options.Value.Experiment.Arms.GetValueOrDefault(RecommendationStrategies.PersonalRanker) > 0)
        {
            logger.LogWarning("The learned ranker did not beat the blend on this store's orders, so the {Arm} arm is served by the blend (and recorded as assigned)",
                RecommendationStrategies.PersonalRanker);
        }
    }

    private async Task<RecommenderManifest?> ReadManifestAsync(CancellationToken ct)
    {
        if (!File.Exists(ManifestFile))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<RecommenderManifest>(await File.ReadAllTextAsync(ManifestFile, ct), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>SHA-256 of the engine's build, its settings and every purchase: any new order, or new engine code, makes the model stale.</summary>
    private static string Fingerprint(IReadOnlyList<Purchase> purchases)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(typeof(Recommender).Assembly.ManifestModule.ModuleVersionId + "\n" + Settings + "\n"));
        foreach (var p in purchases)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{p.Customer}\t{p.Item}\t{p.Category}\t{p.At.UtcTicks}\t{p.Quantity}\t{p.Price}\n")));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private sealed record Snapshot(Recommender Recommender, DateTimeOffset BuiltAt);
}

/// <summary>What <c>recommender.json</c> records about the trained recommender: its inputs' fingerprint and the validation that decided whether the ranker ships.</summary>
public sealed record RecommenderManifest(string Fingerprint, bool RankerShips, DateTimeOffset TrainedAt, int Purchases,
    double? BlendHitRate, double? RankerHitRate, double? BlendNdcg, double? RankerNdcg);

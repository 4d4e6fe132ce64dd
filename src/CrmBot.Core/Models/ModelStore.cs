using System.Security.Cryptography;
using System.Text;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Storage;
using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Embeddings;
using CrmBot.Intelligence.Intents;
using CrmBot.Intelligence.Sentiment;
using Microsoft.Extensions.Logging;

namespace CrmBot.Core.Models;

/// <summary>
/// Trains the intent and sentiment models from the data in <c>dialogs/</c> and keeps them as files in the data directory.
/// A model is retrained when its file is missing or the training data changed (a hash of the data is kept beside it).
/// Reviewers' corrections (<see cref="ReviewedExamples"/>) join the authored examples whenever a model is trained,
/// but are not part of the hash: a correction waits for the next <c>train</c> instead of retraining on start-up.
/// Both models read sentence embeddings from the shared <see cref="SentenceEmbedder"/>.
/// </summary>
public sealed class ModelStore(CrmBotPaths paths, SentenceEmbedder embedder, ILogger<ModelStore> logger)
{
    private const string ReviewedSuffix = ".reviewed";

    public string IntentModelFile => Path.Combine(paths.ModelsDirectory, "intents.zip");
    public string SentimentModelFile => Path.Combine(paths.ModelsDirectory, "sentiment.zip");

    public IReadOnlyList<LabeledText> SentimentExamples() => LabeledTextCsv.Read(paths.SentimentExamplesFile);

    public Task<(IntentClassifier Intents, SentimentAnalyzer Sentiment)> LoadOrTrainAsync(DialogCatalog dialogs, bool force, CancellationToken ct) =>
        LoadOrTrainAsync(dialogs, ReviewedExamples.None, force, ct);

    public async Task<(IntentClassifier Intents, SentimentAnalyzer Sentiment)> LoadOrTrainAsync(DialogCatalog dialogs, ReviewedExamples reviewed, bool force, CancellationToken ct)
    {
        Directory.CreateDirectory(paths.ModelsDirectory);
        var intents = await LoadOrTrainAsync("intent", IntentModelFile, dialogs.TrainingExamples(), reviewed.Intents, force,
            data => IntentClassifier.Train(data, null, embedder, ct), path => IntentClassifier.Load(path, embedder), (m, p) => m.Save(p), ct);
        var sentiment = await LoadOrTrainAsync("sentiment", SentimentModelFile, SentimentExamples(), reviewed.Sentiment, force,
            data => SentimentAnalyzer.Train(data, null, ct, embedder), path => SentimentAnalyzer.Load(path, embedder), (m, p) => m.Save(p), ct);
        return (intents, sentiment);
    }

    /// <summary>
    /// A model's training data: the authored examples, then the reviewed ones that add something. A reviewed text that
    /// is already an authored example is left out (the authored file is where to change it), as is one whose label the
    /// authored data no longer has (an intent since removed).
    /// </summary>
    public static (IReadOnlyList<LabeledText> Examples, int Reviewed) WithReviewed(IReadOnlyList<LabeledText> authored, IReadOnlyList<LabeledText> reviewed)
    {
        var texts = authored.Select(e => e.Text.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var labels = authored.Select(e => e.Label).ToHashSet(StringComparer.Ordinal);
        var added = reviewed.Where(e => labels.Contains(e.Label) && texts.Add(e.Text.Trim())).ToList();
        return ([.. authored, .. added], added.Count);
    }

    /// <summary>How many reviewed examples the model in <paramref name="modelFile"/> was trained with (0 for one trained without any).</summary>
    public int ReviewedExamplesIn(string modelFile) =>
        File.Exists(modelFile + ReviewedSuffix) && int.TryParse(File.ReadAllText(modelFile + ReviewedSuffix).Trim(), out var count) ? count : 0;

    private async Task<T> LoadOrTrainAsync<T>(string name, string file, IReadOnlyList<LabeledText> authored, IReadOnlyList<LabeledText> reviewed, bool force,
        Func<IReadOnlyList<LabeledText>, T> train, Func<string, T> load, Action<T, string> save, CancellationToken ct)
    {
        var hashFile = file + ".sha256";
        var hash = Hash(authored);
        if (!force && File.Exists(file) && File.Exists(hashFile) && (await File.ReadAllTextAsync(hashFile, ct)).Trim() == hash)
        {
            try
            {
                return load(file);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException)
            {
                logger.LogWarning(e, "The {Model} model file could not be read; retraining", name);
            }
        }
        var (data, reviewedCount) = WithReviewed(authored, reviewed);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var model = await Task.Run(() => train(data), ct);
        // Write to a temporary name first so a crash mid-write never leaves a half model that looks current.
        var temp = file + ".tmp";
        save(model, temp);
        File.Move(temp, file, overwrite: true);
        await File.WriteAllTextAsync(hashFile, hash, ct);
        await File.WriteAllTextAsync(file + ReviewedSuffix, reviewedCount.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        logger.LogInformation("Trained the {Model} model on {Examples} examples ({Reviewed} corrected by reviewers) in {Seconds:0.0} s",
            name, data.Count, reviewedCount, started.Elapsed.TotalSeconds);
        return model;
    }

    private static string Hash(IReadOnlyList<LabeledText> data)
    {
        var sb = new StringBuilder();
        // The assembly version is part of the hash: a new pipeline must not reuse a model trained by the old one.
        sb.Append(typeof(IntentClassifier).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        foreach (var row in data)
        {
            sb.Append(row.Label).Append('\t').Append(row.Text).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}

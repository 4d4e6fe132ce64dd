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
/// Both models read sentence embeddings from the shared <see cref="SentenceEmbedder"/>.
/// </summary>
public sealed class ModelStore(CrmBotPaths paths, SentenceEmbedder embedder, ILogger<ModelStore> logger)
{
    public string IntentModelFile => Path.Combine(paths.ModelsDirectory, "intents.zip");
    public string SentimentModelFile => Path.Combine(paths.ModelsDirectory, "sentiment.zip");

    public IReadOnlyList<LabeledText> SentimentExamples() => LabeledTextCsv.Read(paths.SentimentExamplesFile);

    public async Task<(IntentClassifier Intents, SentimentAnalyzer Sentiment)> LoadOrTrainAsync(DialogCatalog dialogs, bool force, CancellationToken ct)
    {
        Directory.CreateDirectory(paths.ModelsDirectory);
        var intents = await LoadOrTrainAsync("intent", IntentModelFile, dialogs.TrainingExamples(), force,
            data => IntentClassifier.Train(data, null, embedder, ct), path => IntentClassifier.Load(path, embedder), (m, p) => m.Save(p), ct);
        var sentiment = await LoadOrTrainAsync("sentiment", SentimentModelFile, SentimentExamples(), force,
            data => SentimentAnalyzer.Train(data, null, ct, embedder), path => SentimentAnalyzer.Load(path, embedder), (m, p) => m.Save(p), ct);
        return (intents, sentiment);
    }

    private async Task<T> LoadOrTrainAsync<T>(string name, string file, IReadOnlyList<LabeledText> data, bool force,
        Func<IReadOnlyList<LabeledText>, T> train, Func<string, T> load, Action<T, string> save, CancellationToken ct)
    {
        var hashFile = file + ".sha256";
        var hash = Hash(data);
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
        var started = System.Diagnostics.Stopwatch.StartNew();
        var model = await Task.Run(() => train(data), ct);
        // Write to a temporary name first so a crash mid-write never leaves a half model that looks current.
        var temp = file + ".tmp";
        save(model, temp);
        File.Move(temp, file, overwrite: true);
        await File.WriteAllTextAsync(hashFile, hash, ct);
        logger.LogInformation("Trained the {Model} model on {Examples} examples in {Seconds:0.0} s", name, data.Count, started.Elapsed.TotalSeconds);
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

using System.IO.Compression;
using System.Text.Json;
using CrmBot.Intelligence.Embeddings;
using Microsoft.ML;

namespace CrmBot.Intelligence.Classification;

/// <summary>
/// A trained text pipeline and its labels: normalizes a message and returns one probability per label.
/// Thread-safe: predictions go through a pool of engines.
/// </summary>
internal sealed class TextModel
{
    private const string PipelineEntry = "pipeline.zip";
    private const string ManifestEntry = "manifest.json";
    private const string ExtraEntry = "extra.bin";
    private const int FormatVersion = 2;

    private readonly MLContext context;
    private readonly ITransformer pipeline;
    private readonly PredictionEnginePool<TextInput, ScoreOutput> engines;
    private readonly string[] labels;
    private readonly SentenceEmbedder? embedder;
    private readonly float[] noEmbedding = new float[SentenceEmbedder.Dimensions];

    public TextModel(MLContext context, ITransformer pipeline, string[] labels, bool markNegation, SentenceEmbedder? embedder, float embeddingWeight)
    {
        if (embeddingWeight > 0 && embedder is null)
        {
            throw new ArgumentException("This model reads sentence embeddings: it needs a sentence embedder.", nameof(embedder));
        }

        this.context = context;
        this.pipeline = pipeline;
        this.labels = labels;
        MarkNegation = markNegation;
        EmbeddingWeight = embeddingWeight;
        this.embedder = embeddingWeight > 0 ? embedder : null;
        engines = new PredictionEnginePool<TextInput, ScoreOutput>(context, pipeline);
    }

    /// <summary>0 when the model reads n-grams only.</summary>
    public float EmbeddingWeight { get; }

    public bool UsesEmbeddings => embedder is not null;

    public IReadOnlyList<string> Labels => labels;

    public bool MarkNegation { get; }

    /// <summary>
    /// One probability per label, in <see cref="Labels"/> order. <paramref name="embedding"/> is the text's sentence
    /// vector when the caller has it already; otherwise a model that reads embeddings computes it.
    /// </summary>
    public float[] Probabilities(string text, float[]? embedding = null)
    {
        var input = new TextInput
        {
            Text = ChatTextNormalizer.Normalize(text, MarkNegation),
            Embedding = embedder is null ? noEmbedding : Weighted(embedding ?? embedder.Embed(text), EmbeddingWeight),
        };
        var scores = engines.Predict(input).Score;
        if (scores.Length != labels.Length)
        {
            throw new InvalidOperationException($"The model returned {scores.Length} scores for {labels.Length} labels.");
        }

        return scores;
    }

    /// <summary>
    /// Writes one zip holding the ML.NET pipeline and a manifest (kind, labels, the caller's settings such as the
    /// threshold), so a model file is self-describing and cannot be loaded as the wrong kind of model.
    /// </summary>
    public void Save(string path, string kind, IReadOnlyDictionary<string, float> settings, Action<Stream>? writeExtra = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Write next to the target and move into place, so a reader never sees half a file.
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        using (var archive = new ZipArchive(file, ZipArchiveMode.Create))
        {
            using (var entry = archive.CreateEntry(PipelineEntry, CompressionLevel.NoCompression).Open())
            {
                var inputSchema = context.Data.LoadFromEnumerable(Array.Empty<TextInput>()).Schema;
                context.Model.Save(pipeline, inputSchema, entry);
            }

            if (writeExtra is not null)
            {
                using var extra = archive.CreateEntry(ExtraEntry, CompressionLevel.Fastest).Open();
                writeExtra(extra);
            }

            using var manifest = archive.CreateEntry(ManifestEntry).Open();
            JsonSerializer.Serialize(manifest, new Manifest(kind, FormatVersion, labels, MarkNegation, new(settings),
                embedder is null ? null : SentenceEmbedder.ModelName, EmbeddingWeight));
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a file written by <see cref="Save"/>; the kind must match.</summary>
    public static (TextModel Model, IReadOnlyDictionary<string, float> Settings, Stream? Extra) Load(string path, string kind, SentenceEmbedder? embedder)
    {
        using var archive = ZipFile.OpenRead(path);
        var manifestEntry = archive.GetEntry(ManifestEntry) ?? throw new InvalidDataException($"{path} is not a CrmBot model file: no {ManifestEntry}.");
        Manifest manifest;
        using (var stream = manifestEntry.Open())
        {
            manifest = JsonSerializer.Deserialize<Manifest>(stream)
                ?? throw new InvalidDataException($"{path}: the manifest is empty.");
        }

        if (manifest.Kind != kind)
        {
            throw new InvalidDataException($"{path} holds a {manifest.Kind} model, not a {kind} model.");
        }

        if (manifest.Version != FormatVersion)
        {
            throw new InvalidDataException($"{path} has model format {manifest.Version}; this build reads format {FormatVersion}. Retrain the model.");
        }

        if (manifest.EmbeddingModel is { } embeddingModel && embeddingModel != SentenceEmbedder.ModelName)
        {
            throw new InvalidDataException($"{path} was trained on {embeddingModel} embeddings; this build has {SentenceEmbedder.ModelName}. Retrain the model.");
        }

        var pipelineEntry = archive.GetEntry(PipelineEntry) ?? throw new InvalidDataException($"{path}: no {PipelineEntry}.");

        // ML.NET needs a seekable stream; zip entries are not.
        var buffer = new MemoryStream();
        using (var stream = pipelineEntry.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        var context = new MLContext();
        var pipeline = context.Model.Load(buffer, out _);
        var model = new TextModel(context, pipeline, manifest.Labels, manifest.MarkNegation, embedder, manifest.EmbeddingModel is null ? 0 : manifest.EmbeddingWeight);
        MemoryStream? extra = null;
        if (archive.GetEntry(ExtraEntry) is { } extraEntry)
        {
            extra = new MemoryStream();
            using var stream = extraEntry.Open();
            stream.CopyTo(extra);
            extra.Position = 0;
        }

        return (model, manifest.Settings, extra);
    }

    /// <summary>The sentence vector of <paramref name="text"/>; only for a model that reads embeddings.</summary>
    public float[] Embed(string text) =>
        (embedder ?? throw new InvalidOperationException("This model does not read sentence embeddings.")).Embed(text);

    /// <summary>A copy of <paramref name="embedding"/> times <paramref name="weight"/>; zeros when there is none.</summary>
    internal static float[] Weighted(float[]? embedding, float weight)
    {
        var result = new float[SentenceEmbedder.Dimensions];
        if (embedding is not null && weight > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(embedding, weight, result);
        }
        return result;
    }

    private sealed record Manifest(
        string Kind, int Version, string[] Labels, bool MarkNegation, Dictionary<string, float> Settings, string? EmbeddingModel, float EmbeddingWeight);
}

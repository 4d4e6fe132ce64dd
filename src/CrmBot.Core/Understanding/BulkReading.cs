using CrmBot.Intelligence.Entities;

namespace CrmBot.Core.Understanding;

/// <summary>
/// What one bulk job (<see cref="MessageUnderstander.UnderstandAll"/> called batch after batch) has read so far:
/// readings by text, sentence vectors by the embedder's key, entities by text and day. Belongs to one job on one thread.
/// </summary>
public sealed class BulkReading
{
    internal Dictionary<string, MessageUnderstanding> Texts { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, float[]> Vectors { get; } = new(StringComparer.Ordinal);
    internal Dictionary<(string, DateOnly?), IReadOnlyList<Entity>> Entities { get; } = [];

    /// <summary>Different texts read.</summary>
    public int TextCount => Texts.Count;

    /// <summary>Different sentence vectors computed (texts that differ only in an order number or in case share one).</summary>
    public int VectorCount => Vectors.Count;
}

namespace CrmBot.Core.Seeding.History;

/// <summary>What seeding the conversation history wrote and what it cost; <see cref="Seeded"/> false when it wrote nothing.</summary>
/// <param name="DistinctTexts">Different customer messages the models read (each once, however often it was sent).</param>
/// <param name="Vectors">Sentence embeddings computed for them (messages that differ only in an order number or in case share one).</param>
/// <param name="Understanding">Time the intent and sentiment models took over all customer messages.</param>
/// <param name="ProcessorTime">CPU time of the whole process meanwhile: on a busy machine a steadier measure than <paramref name="Elapsed"/>.</param>
public sealed record HistorySummary(
    bool Seeded, int Conversations, int Messages, int CustomerMessages, int DistinctTexts, int Vectors, int Escalations,
    TimeSpan Understanding, TimeSpan Elapsed, TimeSpan ProcessorTime, string? SkippedBecause = null)
{
    public static HistorySummary Skipped(string because) => new(false, 0, 0, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, because);
}

using CrmBot.Intelligence.Embeddings;
using CrmBot.Intelligence.Entities;
using CrmBot.Intelligence.Intents;
using CrmBot.Intelligence.Sentiment;

namespace CrmBot.Core.Understanding;

/// <summary>
/// Intent, entities and sentiment for one message. Holds the loaded models; they are swapped in as one immutable set
/// (at start-up or after retraining), so concurrent turns always see a consistent set. The message's sentence
/// embedding is computed once and shared by both models and knowledge search. A DI singleton.
/// </summary>
public sealed class MessageUnderstander(SentenceEmbedder embedder)
{
    private sealed record ModelSet(IntentClassifier Intents, SentimentAnalyzer Sentiment, EntityExtractor Entities);

    private ModelSet? _models;

    public bool IsReady => Volatile.Read(ref _models) is not null;

    /// <summary>The intents the loaded model tells apart (out_of_scope included); none before the models are loaded.</summary>
    public IReadOnlyList<string> IntentLabels => Volatile.Read(ref _models)?.Intents.Labels ?? [];

    /// <summary>The sentiment labels the loaded model gives (negative, neutral, positive and, if it knows anger, angry).</summary>
    public IReadOnlyList<string> SentimentLabels => Volatile.Read(ref _models)?.Sentiment.Labels ?? [];

    public void Load(IntentClassifier intents, SentimentAnalyzer sentiment, CatalogGazetteer gazetteer) =>
        Volatile.Write(ref _models, new ModelSet(intents, sentiment, new EntityExtractor(gazetteer)));

    public MessageUnderstanding Understand(string text, DateOnly today)
    {
        var models = Volatile.Read(ref _models) ?? throw new InvalidOperationException("The models are not loaded yet.");
        return string.IsNullOrWhiteSpace(text) ? Nothing : Understand(models, text, embedder.Embed(text), today);
    }

    /// <summary>
    /// Many messages at once, each understood exactly as <see cref="Understand"/> would (same models, same steps), but
    /// with the sentence embeddings computed in batches and each distinct text read once: for bulk work such as the
    /// demo history, where one message at a time would cost minutes. <paramref name="job"/> keeps what earlier
    /// batches of the same job read, so a text sent in many batches ("thanks") is read once; the job runs with one
    /// set of models.
    /// </summary>
    public IReadOnlyList<MessageUnderstanding> UnderstandAll(IReadOnlyList<(string Text, DateOnly Today)> messages, BulkReading job, CancellationToken ct)
    {
        var models = Volatile.Read(ref _models) ?? throw new InvalidOperationException("The models are not loaded yet.");
        var texts = messages.Select(m => m.Text).Where(t => !string.IsNullOrWhiteSpace(t) && !job.Texts.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        var embeddings = embedder.EmbedOnce(texts, job.Vectors, ct);
        for (var i = 0; i < texts.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            job.Texts[texts[i]] = Understand(models, texts[i], embeddings[i], today: null);
        }
        // Of everything read, only dates ("yesterday", "on Monday") depend on the day a message was sent: a text with
        // no date in it has the same entities whatever the day.
        IReadOnlyList<Entity> EntitiesOf(string text, DateOnly today)
        {
            if (job.Entities.TryGetValue((text, null), out var undated)) return undated;
            if (job.Entities.TryGetValue((text, today), out var dated)) return dated;
            var found = models.Entities.Extract(text, today);
            job.Entities[(text, found.Any(e => e.Type == EntityTypes.Date) ? today : null)] = found;
            return found;
        }
        return messages.Select(m => job.Texts.TryGetValue(m.Text, out var understood)
            ? understood with { Entities = understood.Intent == MessageUnderstanding.EmojiOnly ? [] : EntitiesOf(m.Text, m.Today) }
            : Nothing).ToList();
    }

    private static readonly MessageUnderstanding Nothing = new(MessageUnderstanding.Empty, 1, [], [], "neutral", 0);

    /// <param name="today">The day the message was sent, for its dates; null leaves the entities out (the caller extracts them).</param>
    private static MessageUnderstanding Understand(ModelSet models, string text, float[] embedding, DateOnly? today)
    {
        var sentiment = models.Sentiment.Analyze(text, embedding);
        if (TextTraits.IsEmojiOnly(text))
        {
            return new MessageUnderstanding(MessageUnderstanding.EmojiOnly, 1, [], [], sentiment.Label, sentiment.Score);
        }
        var intent = models.Intents.Classify(text, embedding);
        var entities = today is { } day ? models.Entities.Extract(text, day) : [];
        return new MessageUnderstanding(intent.Intent, intent.Confidence, intent.Ranking, entities, sentiment.Label, sentiment.Score)
        {
            Embedding = embedding,
            Candidates = intent.Candidates,
        };
    }
}

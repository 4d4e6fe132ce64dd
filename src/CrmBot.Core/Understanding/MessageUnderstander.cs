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

    public void Load(IntentClassifier intents, SentimentAnalyzer sentiment, CatalogGazetteer gazetteer) =>
        Volatile.Write(ref _models, new ModelSet(intents, sentiment, new EntityExtractor(gazetteer)));

    public MessageUnderstanding Understand(string text, DateOnly today)
    {
        var models = Volatile.Read(ref _models) ?? throw new InvalidOperationException("The models are not loaded yet.");
        if (string.IsNullOrWhiteSpace(text))
        {
            return new MessageUnderstanding(MessageUnderstanding.Empty, 1, [], [], "neutral", 0);
        }
        var embedding = embedder.Embed(text);
        var sentiment = models.Sentiment.Analyze(text, embedding);
        if (TextTraits.IsEmojiOnly(text))
        {
            return new MessageUnderstanding(MessageUnderstanding.EmojiOnly, 1, [], [], sentiment.Label, sentiment.Score);
        }
        var intent = models.Intents.Classify(text, embedding);
        var entities = models.Entities.Extract(text, today);
        return new MessageUnderstanding(intent.Intent, intent.Confidence, intent.Ranking, entities, sentiment.Label, sentiment.Score)
        {
            Embedding = embedding,
            Candidates = intent.Candidates,
        };
    }
}

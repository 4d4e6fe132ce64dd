using CrmBot.Intelligence.Intents;
using CrmBot.Intelligence.Sentiment;

namespace CrmBot.Tests.Intelligence;

/// <summary>Trains each synthetic model once per test class; the models are thread-safe, so tests share them.</summary>
public sealed class TrainedModels
{
    private readonly Lazy<IntentClassifier> intents = new(() => IntentClassifier.Train(TrainingSets.Intents()));
    private readonly Lazy<IntentClassifier> intentsWithOutOfScope = new(() => IntentClassifier.Train(TrainingSets.Intents(withOutOfScope: true)));
    private readonly Lazy<SentimentAnalyzer> sentiment = new(() => SentimentAnalyzer.Train(TrainingSets.Sentiment()));

    public IntentClassifier Intents => intents.Value;

    public IntentClassifier IntentsWithOutOfScope => intentsWithOutOfScope.Value;

    public SentimentAnalyzer Sentiment => sentiment.Value;
}

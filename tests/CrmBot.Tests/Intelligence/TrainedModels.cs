using CrmBot.Intelligence.Intents;
using CrmBot.Intelligence.Sentiment;

namespace CrmBot.Tests.Intelligence;

/// <summary>Trains each synthetic model once per test class; the models are thread-safe, so tests share them.</summary>
public sealed class TrainedModels
{
    /// <summary>
    /// The synthetic sets have ten examples per intent, so the default 1% rejection target would make the threshold
    /// the single least confident of 40 held-out predictions; 10% keeps the calibration meaningful at this size.
    /// </summary>
    public static readonly IntentTrainingOptions IntentOptions = new() { TargetInScopeRejectionRate = 0.1 };

    private readonly Lazy<IntentClassifier> intents = new(() => IntentClassifier.Train(TrainingSets.Intents(), IntentOptions));
    private readonly Lazy<IntentClassifier> intentsWithOutOfScope = new(() => IntentClassifier.Train(TrainingSets.Intents(withOutOfScope: true), IntentOptions));
    private readonly Lazy<SentimentAnalyzer> sentiment = new(() => SentimentAnalyzer.Train(TrainingSets.Sentiment()));

    public IntentClassifier Intents => intents.Value;

    public IntentClassifier IntentsWithOutOfScope => intentsWithOutOfScope.Value;

    public SentimentAnalyzer Sentiment => sentiment.Value;
}

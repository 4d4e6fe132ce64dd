using CrmBot.Intelligence.Classification;

namespace CrmBot.Intelligence.Intents;

/// <summary>
/// What the intent model made of a message. <paramref name="Intent"/> is <see cref="IntentClassifier.OutOfScope"/>
/// when the model ranks out-of-scope first or is not confident enough; <paramref name="Confidence"/> is the probability
/// of the top-ranked label either way; <paramref name="Ranking"/> holds the three most probable labels, best first.
/// </summary>
public sealed record IntentPrediction(string Intent, float Confidence, IReadOnlyList<ScoredLabel> Ranking)
{
    public bool IsOutOfScope => Intent == IntentClassifier.OutOfScope;

    /// <summary>The top probability was below the threshold, but the nearest training examples agreed with the guess.</summary>
    public bool ConfirmedByNeighbours { get; init; }

    /// <summary>For an out-of-scope message: up to two intents it may have meant, best first, to offer as "did you mean".</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];
}

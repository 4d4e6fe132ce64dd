using System.ComponentModel.DataAnnotations;

namespace CrmBot.Intelligence.Sentiment;

/// <summary>How <see cref="SentimentAnalyzer.Train"/> trains; the defaults are the measured ones.</summary>
public sealed record SentimentTrainingOptions
{
    /// <summary>Seed of every random choice: the same data and seed give the same model.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>L2 penalty of the logistic regression; lower fits the training data harder.</summary>
    [Range(0.0, 100.0)]
    public float L2Regularization { get; init; } = 0.3f;

    [Range(1, 10_000)]
    public int MaximumIterations { get; init; } = 100;

    /// <summary>Rewrites the words after a negation ("not happy" → "not neg_happy") so that praise under a negation is learnt apart.</summary>
    public bool MarkNegation { get; init; } = true;

    /// <summary>Weight of the sentence embedding beside the n-grams (used when training with an embedder).</summary>
    [Range(0.0, 10.0)]
    public float EmbeddingWeight { get; init; } = 1.0f;
}

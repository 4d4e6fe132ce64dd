using System.ComponentModel.DataAnnotations;

namespace CrmBot.Intelligence.Intents;

/// <summary>How <see cref="IntentClassifier.Train"/> trains and calibrates; the defaults are the measured ones.</summary>
public sealed record IntentTrainingOptions
{
    /// <summary>Seed of every random choice (fold assignment, trainer): the same data and seed give the same model.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// A fixed out-of-scope threshold on the top probability; null (the default) calibrates it from held-out predictions.
    /// 0 turns the threshold off, leaving only the out_of_scope class, if the data has one.
    /// </summary>
    [Range(0.0, 1.0)]
    public float? Threshold { get; init; }

    /// <summary>
    /// Share of in-scope messages the calibrated threshold may reject, measured on held-out folds. Higher catches more
    /// out-of-scope messages and answers fewer in-scope ones. Measured on CLINC150 (train → val): 0.01 gives 92.6%
    /// in-scope accuracy with 60% out-of-scope recall, 0.02 gives 91.9% / 71%, 0.03 gives 91.3% / 78%.
    /// </summary>
    [Range(0.0, 0.5)]
    public double TargetInScopeRejectionRate { get; init; } = 0.01;

    /// <summary>Folds for calibration: each calibration model is trained without one fold and predicts it.</summary>
    [Range(2, 20)]
    public int CalibrationFolds { get; init; } = 5;

    /// <summary>
    /// Calibration stops training fold models once this many held-out predictions are collected, which keeps large
    /// data sets to one extra model (a fifth of CLINC150 is 3,020 rows) while small ones use every fold.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int CalibrationMinimumRows { get; init; } = 1500;

    /// <summary>L2 penalty of the logistic regression; lower fits the training data harder.</summary>
    [Range(0.0, 100.0)]
    public float L2Regularization { get; init; } = 0.1f;

    [Range(1, 10_000)]
    public int MaximumIterations { get; init; } = 100;

    /// <summary>Weight of the sentence embedding beside the n-grams (used when training with an embedder).</summary>
    [Range(0.0, 10.0)]
    public float EmbeddingWeight { get; init; } = 1.5f;

    /// <summary>How many nearest training examples vote in the second look at an unsure message.</summary>
    [Range(1, 50)]
    public int Neighbours { get; init; } = 5;

    /// <summary>An unsure guess is accepted when the nearest examples vote for it and the closest is at least this similar (cosine).</summary>
    [Range(0.0, 1.0)]
    public float ConfirmSimilarity { get; init; } = 0.72f;

    /// <summary>The nearest examples' label is offered as "did you mean" from this similarity.</summary>
    [Range(0.0, 1.0)]
    public float CandidateSimilarity { get; init; } = 0.55f;

    /// <summary>A label the model gives at least this probability is offered as "did you mean".</summary>
    [Range(0.0, 1.0)]
    public float CandidateProbability { get; init; } = 0.15f;

    /// <summary>When the out_of_scope class itself has at least this probability, nothing is offered.</summary>
    [Range(0.0, 1.0)]
    public float FirmOutOfScope { get; init; } = 0.6f;
}

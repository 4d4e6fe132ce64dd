using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// A binary churn classifier over rows of <typeparamref name="TRow"/>: a featurizer that makes a <c>Features</c> vector,
/// then one of the <see cref="ChurnAlgorithm"/>s on the boolean <c>Label</c> column. Scores are calibrated
/// probabilities in [0, 1]. Trained once, then read-only: scoring from several threads is safe (each call makes its own cursor).
/// </summary>
public sealed class ChurnClassifier<TRow> where TRow : class
{
    private const string Label = "Label";
    private const string Features = "Features";

    private readonly MLContext context;
    private readonly ITransformer model;

    private ChurnClassifier(MLContext context, ITransformer model, ChurnAlgorithm algorithm)
    {
        this.context = context;
        this.model = model;
        Algorithm = algorithm;
    }

    public ChurnAlgorithm Algorithm { get; }

    /// <param name="featurize">Makes the <c>Features</c> column from the row's columns.</param>
    public static ChurnClassifier<TRow> Train(
        IReadOnlyList<TRow> rows, Func<MLContext, IEstimator<ITransformer>> featurize, ChurnAlgorithm algorithm, int seed, CancellationToken ct = default)
    {
        var context = new MLContext(seed);
        var pipeline = featurize(context);
        // Trees split on raw values; the linear model needs comparable scales.
        if (algorithm == ChurnAlgorithm.LogisticRegression) pipeline = pipeline.Append(context.Transforms.NormalizeMeanVariance(Features));
        ct.ThrowIfCancellationRequested();
        var model = pipeline.Append(Trainer(context, algorithm, seed)).Fit(context.Data.LoadFromEnumerable(rows));
        return new ChurnClassifier<TRow>(context, model, algorithm);
    }

    /// <summary>The probability that each row's customer churns, in input order.</summary>
    public double[] Probabilities(IReadOnlyList<TRow> rows)
    {
        if (rows.Count == 0) return [];
        var scored = model.Transform(context.Data.LoadFromEnumerable(rows));
        return [.. scored.GetColumn<float>("Probability").Select(p => Math.Clamp((double)p, 0, 1))];
    }

    // Small trees and a slow learning rate: the stores this runs on have hundreds to a few thousand customers.
    private static IEstimator<ITransformer> Trainer(MLContext context, ChurnAlgorithm algorithm, int seed) => algorithm switch
    {
        ChurnAlgorithm.LogisticRegression => context.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options { LabelColumnName = Label, FeatureColumnName = Features, L2Regularization = 1f }),
        ChurnAlgorithm.FastTree => context.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = Label, FeatureColumnName = Features, NumberOfTrees = 150, NumberOfLeaves = 8,
            MinimumExampleCountPerLeaf = 20, LearningRate = 0.05, NumberOfThreads = 1,
        }),
        ChurnAlgorithm.LightGbm => context.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = Label, FeatureColumnName = Features, NumberOfIterations = 150, NumberOfLeaves = 8,
            MinimumExampleCountPerLeaf = 20, LearningRate = 0.05, NumberOfThreads = 1, Seed = seed, Verbose = false, Silent = true,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };
}

using CrmBot.Intelligence.Classification;
using Microsoft.ML;

namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// Stratified k-fold cross-validation of a churn classifier: every row is scored once by a model that did not see it,
/// and the metrics are computed over all those out-of-fold scores together.
/// </summary>
public static class ChurnEvaluation
{
    public const int DefaultFolds = 5;
    public const int DefaultSeed = 20260101;

    public static BinaryMetrics CrossValidate<TRow>(
        IReadOnlyList<TRow> rows, Func<TRow, bool> labelOf, Func<MLContext, IEstimator<ITransformer>> featurize,
        ChurnAlgorithm algorithm, int folds = DefaultFolds, int seed = DefaultSeed, CancellationToken ct = default) where TRow : class
    {
        var labels = rows.Select(labelOf).ToArray();
        var fold = StratifiedFolds.Assign([.. labels.Select(l => l ? "churn" : "stay")], folds, seed);
        var scores = new double[rows.Count];
        for (var f = 0; f < folds; f++)
        {
            ct.ThrowIfCancellationRequested();
            var train = rows.Where((_, i) => fold[i] != f).ToList();
            var testIndices = Enumerable.Range(0, rows.Count).Where(i => fold[i] == f).ToArray();
            var model = ChurnClassifier<TRow>.Train(train, featurize, algorithm, seed, ct);
            var predicted = model.Probabilities([.. testIndices.Select(i => rows[i])]);
            for (var j = 0; j < testIndices.Length; j++) scores[testIndices[j]] = predicted[j];
        }
        return BinaryMetrics.Compute(labels, scores);
    }

    /// <summary>The featurizer for <see cref="ChurnFeatures"/>: its numeric columns side by side.</summary>
    public static IEstimator<ITransformer> CustomerFeatures(MLContext context) =>
        context.Transforms.Concatenate("Features", ChurnFeatures.Columns);
}

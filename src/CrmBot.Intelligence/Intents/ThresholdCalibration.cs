using CrmBot.Intelligence.Classification;
using Microsoft.ML.Trainers;

namespace CrmBot.Intelligence.Intents;

/// <summary>
/// Chooses the out-of-scope threshold from predictions on data the model has not seen: models trained without one
/// stratified fold score that fold, and the threshold is the top-probability quantile that rejects the target share
/// of in-scope messages. Training-set probabilities would be overconfident and give a threshold that rejects nothing.
/// </summary>
internal static class ThresholdCalibration
{
    public sealed record Result(float Threshold, MaximumEntropyModelParameters? WarmStart);

    public static Result Calibrate(
        TextModelTrainer trainer, IReadOnlyList<LabeledText> examples, IntentTrainingOptions options, CancellationToken ct)
    {
        var folds = Math.Min(options.CalibrationFolds, examples.Count);
        if (folds < 2)
        {
            return new Result(0f, null);
        }

        var assignment = StratifiedFolds.Assign(examples, folds, options.Seed);
        var inScopeTopProbabilities = new List<float>();
        MaximumEntropyModelParameters? warmStart = null;
        for (var fold = 0; fold < folds && inScopeTopProbabilities.Count < options.CalibrationMinimumRows; fold++)
        {
            ct.ThrowIfCancellationRequested();
            var (train, test) = StratifiedFolds.Split(examples, assignment, fold);
            if (test.Count == 0 || train.Select(example => example.Label).Distinct().Count() < 2)
            {
                continue;
            }

            var model = trainer.Fit(train);
            warmStart ??= model.Model;
            var probabilities = trainer.Score(model, test);
            for (var i = 0; i < test.Count; i++)
            {
                if (test[i].Label != IntentClassifier.OutOfScope)
                {
                    inScopeTopProbabilities.Add(probabilities[i].Max());
                }
            }
        }

        return new Result(Quantile(inScopeTopProbabilities, options.TargetInScopeRejectionRate), warmStart);
    }

    /// <summary>The value below which a <paramref name="share"/> of <paramref name="values"/> lies (0 when there are none).</summary>
    internal static float Quantile(List<float> values, double share)
    {
        if (values.Count == 0 || share <= 0)
        {
            return 0f;
        }

        values.Sort();
        var index = (int)Math.Floor(share * values.Count);
        return values[Math.Min(index, values.Count - 1)];
    }
}

using System.Globalization;

namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// How well churn probabilities separate churned from retained customers, with the "always no" baseline beside them.
/// Accuracy, precision, recall and F1 treat a probability of at least <see cref="Threshold"/> as "churns"; F1 is that of
/// the churned class. <see cref="AucOfHardPredictions"/> is the area under the ROC curve of those 0/1 predictions
/// (equal to balanced accuracy), the figure IBM's telco notebook reports.
/// </summary>
public sealed record BinaryMetrics(
    int Rows, int Positives, double Auc, double AucOfHardPredictions, double Accuracy, double Precision, double Recall, double F1)
{
    public const double Threshold = 0.5;

    /// <summary>Always predicting "does not churn": accuracy is the share of retained customers; F1 is 0 and AUC 0.5.</summary>
    public double BaselineAccuracy => Rows == 0 ? 0 : (Rows - Positives) / (double)Rows;

    public double PositiveShare => Rows == 0 ? 0 : Positives / (double)Rows;

    public static BinaryMetrics Compute(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(probabilities.Count, labels.Count, nameof(probabilities));
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var predicted = probabilities[i] >= Threshold;
            if (labels[i]) { if (predicted) tp++; else fn++; }
            else if (predicted) fp++;
            else tn++;
        }
        double Ratio(int a, int b) => b == 0 ? 0 : a / (double)b;
        var precision = Ratio(tp, tp + fp);
        var recall = Ratio(tp, tp + fn);
        var specificity = Ratio(tn, tn + fp);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new BinaryMetrics(labels.Count, tp + fn, AreaUnderRoc(labels, probabilities), (recall + specificity) / 2,
            Ratio(tp + tn, labels.Count), precision, recall, f1);
    }

    /// <summary>
    /// Area under the ROC curve as the Mann–Whitney statistic: the chance that a random churned customer scores above a
    /// random retained one, ties counting half. 0.5 when either class is missing.
    /// </summary>
    public static double AreaUnderRoc(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            // Tied scores share the mean of their ranks (1-based).
            var rank = (start + end + 2) / 2.0;
            for (var j = start; j <= end; j++)
            {
                if (labels[order[j]])
                {
                    positiveRankSum += rank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) return 0.5;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"AUC {Auc:0.000} (of 0/1 predictions {AucOfHardPredictions:0.000}), accuracy {Accuracy:P1}, F1 {F1:0.000} (precision {Precision:P1}, recall {Recall:P1})");
}

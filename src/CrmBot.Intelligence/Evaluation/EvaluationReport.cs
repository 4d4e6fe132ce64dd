using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmBot.Intelligence.Intents;

namespace CrmBot.Intelligence.Evaluation;

/// <summary>
/// Metrics of a classifier on labelled test rows. Out-of-scope figures follow the CLINC150 paper (Larson et al., 2019):
/// in-scope accuracy counts an in-scope row as right only if its intent is found (answering "out of scope" is wrong),
/// out-of-scope recall is the share of out-of-scope rows recognized as such.
/// </summary>
public sealed record EvaluationReport
{
    private const int ConfusedPairCount = 10;

    private EvaluationReport(
        int examples, double accuracy, double macroF1, IReadOnlyList<LabelMetrics> perLabel,
        IReadOnlyList<ConfusedPair> confusedPairs, double? inScopeAccuracy, double? oosRecall, double? oosPrecision)
    {
        Examples = examples;
        Accuracy = accuracy;
        MacroF1 = macroF1;
        PerLabel = perLabel;
        ConfusedPairs = confusedPairs;
        InScopeAccuracy = inScopeAccuracy;
        OosRecall = oosRecall;
        OosPrecision = oosPrecision;
    }

    /// <summary>Test rows scored.</summary>
    public int Examples { get; }

    public double Accuracy { get; }

    /// <summary>Mean F1 over the labels that occur in the test rows (labels only ever predicted do not count).</summary>
    public double MacroF1 { get; }

    /// <summary>Seconds to train one model (in cross-validation, the mean over the fold models).</summary>
    public double TrainSeconds { get; init; }

    /// <summary>Predictions per second on one thread, measured over the test rows.</summary>
    public double PredictionsPerSecond { get; init; }

    /// <summary>What was measured, e.g. "5-fold cross-validation".</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>Every expected or predicted label, worst F1 first.</summary>
    public IReadOnlyList<LabelMetrics> PerLabel { get; }

    /// <summary>The most frequent (expected, predicted) mistakes, most frequent first.</summary>
    public IReadOnlyList<ConfusedPair> ConfusedPairs { get; }

    /// <summary>Accuracy over rows whose expected label is not out_of_scope; null when no test row is out_of_scope.</summary>
    public double? InScopeAccuracy { get; }

    /// <summary>Share of out_of_scope rows predicted out_of_scope; null when no test row is out_of_scope.</summary>
    public double? OosRecall { get; }

    /// <summary>Share of out_of_scope predictions that were right (0 when none was made); null when no test row is out_of_scope.</summary>
    public double? OosPrecision { get; }

    /// <summary>Computes every metric from the scored rows.</summary>
    public static EvaluationReport FromOutcomes(IReadOnlyCollection<PredictionOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var support = Count(outcomes.Select(outcome => outcome.Expected));
        var predicted = Count(outcomes.Select(outcome => outcome.Predicted));
        var correct = Count(outcomes.Where(outcome => outcome.Expected == outcome.Predicted).Select(outcome => outcome.Expected));

        var perLabel = support.Keys.Union(predicted.Keys)
            .Select(label => Metrics(label, correct.GetValueOrDefault(label), predicted.GetValueOrDefault(label), support.GetValueOrDefault(label)))
            .OrderBy(metrics => metrics.F1)
            .ThenByDescending(metrics => metrics.Support)
            .ThenBy(metrics => metrics.Label, StringComparer.Ordinal)
            .ToArray();

        var confused = outcomes
            .Where(outcome => outcome.Expected != outcome.Predicted)
            .GroupBy(outcome => outcome)
            .Select(group => new ConfusedPair(group.Key.Expected, group.Key.Predicted, group.Count()))
            .OrderByDescending(pair => pair.Count)
            .ThenBy(pair => pair.Expected, StringComparer.Ordinal)
            .ThenBy(pair => pair.Predicted, StringComparer.Ordinal)
            .Take(ConfusedPairCount)
            .ToArray();

        double? inScopeAccuracy = null, oosRecall = null, oosPrecision = null;
        if (support.TryGetValue(IntentClassifier.OutOfScope, out var oosSupport))
        {
            var inScopeRows = outcomes.Count - oosSupport;
            var inScopeCorrect = correct.Values.Sum() - correct.GetValueOrDefault(IntentClassifier.OutOfScope);
            inScopeAccuracy = inScopeRows == 0 ? null : Ratio(inScopeCorrect, inScopeRows);
            oosRecall = Ratio(correct.GetValueOrDefault(IntentClassifier.OutOfScope), oosSupport);
            oosPrecision = Ratio(correct.GetValueOrDefault(IntentClassifier.OutOfScope), predicted.GetValueOrDefault(IntentClassifier.OutOfScope));
        }

        var present = perLabel.Where(metrics => metrics.Support > 0).ToArray();
        return new EvaluationReport(
            outcomes.Count,
            Ratio(correct.Values.Sum(), outcomes.Count),
            present.Length == 0 ? 0 : present.Average(metrics => metrics.F1),
            perLabel,
            confused,
            inScopeAccuracy,
            oosRecall,
            oosPrecision);
    }

    /// <summary>A readable report: headline figures, a per-label table (worst first) and the most confused pairs.</summary>
    public void WriteText(TextWriter writer)
    {
        var headline = new StringBuilder();
        headline.Append(CultureInfo.InvariantCulture, $"{Method}{(Method.Length > 0 ? ": " : "")}{Examples} test rows · accuracy {Accuracy:P1} · macro-F1 {MacroF1:F3}");
        if (InScopeAccuracy is not null || OosRecall is not null)
        {
            headline.Append(CultureInfo.InvariantCulture, $" · in-scope accuracy {InScopeAccuracy:P1} · out-of-scope recall {OosRecall:P1}, precision {OosPrecision:P1}");
        }

        writer.WriteLine(headline);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training {TrainSeconds:F1} s per model · {PredictionsPerSecond:N0} predictions/s on one thread"));
        writer.WriteLine();

        var width = Math.Max(5, PerLabel.Select(metrics => metrics.Label.Length).DefaultIfEmpty(0).Max());
        writer.WriteLine($"{"label".PadRight(width)}  precision  recall      F1  support");
        foreach (var metrics in PerLabel)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{metrics.Label.PadRight(width)}  {metrics.Precision,9:F3}  {metrics.Recall,6:F3}  {metrics.F1,6:F3}  {metrics.Support,7}"));
        }

        if (ConfusedPairs.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("most confused (expected -> predicted: rows)");
            foreach (var pair in ConfusedPairs)
            {
                writer.WriteLine($"  {pair.Expected} -> {pair.Predicted}: {pair.Count}");
            }
        }
    }

    /// <summary>The report as one line of camelCase JSON (rates as fractions, 4 decimals).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("method", Method);
            json.WriteNumber("accuracy", Round(Accuracy));
            json.WriteNumber("macroF1", Round(MacroF1));
            json.WriteNumber("examples", Examples);
            json.WriteNumber("trainSeconds", Math.Round(TrainSeconds, 2));
            json.WriteNumber("predictionsPerSecond", Math.Round(PredictionsPerSecond));
            WriteNullable(json, "inScopeAccuracy", InScopeAccuracy);
            WriteNullable(json, "oosRecall", OosRecall);
            WriteNullable(json, "oosPrecision", OosPrecision);
            json.WriteStartArray("perLabel");
            foreach (var metrics in PerLabel)
            {
                json.WriteStartObject();
                json.WriteString("label", metrics.Label);
                json.WriteNumber("precision", Round(metrics.Precision));
                json.WriteNumber("recall", Round(metrics.Recall));
                json.WriteNumber("f1", Round(metrics.F1));
                json.WriteNumber("support", metrics.Support);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("confusedPairs");
            foreach (var pair in ConfusedPairs)
            {
                json.WriteStartObject();
                json.WriteString("expected", pair.Expected);
                json.WriteString("predicted", pair.Predicted);
                json.WriteNumber("count", pair.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static LabelMetrics Metrics(string label, int correct, int predicted, int support)
    {
        var precision = Ratio(correct, predicted);
        var recall = Ratio(correct, support);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new LabelMetrics(label, precision, recall, f1, support);
    }

    private static Dictionary<string, int> Count(IEnumerable<string> labels)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        return counts;
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static double Round(double value) => Math.Round(value, 4);

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, Round(number));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

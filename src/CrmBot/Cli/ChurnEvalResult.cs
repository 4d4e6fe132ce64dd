using System.Globalization;
using System.Text.Json.Nodes;
using CrmBot.Intelligence.Profiles;

namespace CrmBot.Cli;

/// <summary>One data set's churn figures: every algorithm's cross-validated metrics and the "always no" baseline.</summary>
internal sealed record ChurnEvalResult(string Name, string Source, int Rows, double ChurnedShare, IReadOnlyDictionary<ChurnAlgorithm, (BinaryMetrics Metrics, double Seconds)> Models)
{
    public void WriteText(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name}: {Source}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Rows} customers, {ChurnedShare:P1} churned"));
        output.WriteLine("  model                  AUC   AUC(0/1)  accuracy     F1   precision  recall   seconds");
        foreach (var (algorithm, (m, seconds)) in Models)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {algorithm,-20} {m.Auc,6:0.000} {m.AucOfHardPredictions,9:0.000} {m.Accuracy,9:P1} {m.F1,7:0.000} {m.Precision,10:P1} {m.Recall,7:P1} {seconds,8:0.0}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {"always \"no\" (baseline)",-20} {0.5,6:0.000} {0.5,9:0.000} {1 - ChurnedShare,9:P1} {0.0,7:0.000}"));
    }

    public JsonObject ToJson()
    {
        var models = new JsonObject();
        foreach (var (algorithm, (m, seconds)) in Models)
        {
            models[algorithm.ToString()] = new JsonObject
            {
                ["auc"] = Round(m.Auc),
                ["aucHardPredictions"] = Round(m.AucOfHardPredictions),
                ["accuracy"] = Round(m.Accuracy),
                ["f1"] = Round(m.F1),
                ["precision"] = Round(m.Precision),
                ["recall"] = Round(m.Recall),
                ["seconds"] = Math.Round(seconds, 2),
            };
        }
        return new JsonObject
        {
            ["source"] = Source,
            ["rows"] = Rows,
            ["churnedShare"] = Round(ChurnedShare),
            ["models"] = models,
            ["baseline"] = new JsonObject { ["auc"] = 0.5, ["accuracy"] = Round(1 - ChurnedShare), ["f1"] = 0.0 },
        };
    }

    private static double Round(double value) => Math.Round(value, 4);
}

using System.Text.Json;
using CrmBot.Intelligence.Evaluation;

namespace CrmBot.Tests.Intelligence;

public class EvaluationReportTests
{
    private const string Oos = "out_of_scope";

    /// <summary>
    /// Ten rows worked out by hand. Support a 3, b 2, c 2, out_of_scope 3; predicted a 3, b 2, out_of_scope 5;
    /// correct a 2, b 1, c 0, out_of_scope 2.
    /// </summary>
    private static readonly PredictionOutcome[] HandChecked =
    [
        new("a", "a"), new("a", "a"), new("a", "b"),
        new("b", "b"), new("b", Oos),
        new("c", Oos), new("c", Oos),
        new(Oos, Oos), new(Oos, "a"), new(Oos, Oos),
    ];

    [Fact]
    public void Accuracy_and_macro_f1_match_the_hand_computed_values()
    {
        var report = EvaluationReport.FromOutcomes(HandChecked);

        Assert.Equal(10, report.Examples);
        Assert.Equal(0.5, report.Accuracy, 6);

        // F1: a 2/3, b 1/2, c 0, out_of_scope 2·0.4·(2/3)/(0.4+2/3) = 1/2 → mean 5/12.
        Assert.Equal(5.0 / 12, report.MacroF1, 6);
    }

    [Fact]
    public void Per_label_metrics_are_listed_worst_first()
    {
        var report = EvaluationReport.FromOutcomes(HandChecked);

        Assert.Equal(["c", Oos, "b", "a"], report.PerLabel.Select(metrics => metrics.Label));
        var oos = report.PerLabel.Single(metrics => metrics.Label == Oos);
        Assert.Equal(0.4, oos.Precision, 6);
        Assert.Equal(2.0 / 3, oos.Recall, 6);
        Assert.Equal(0.5, oos.F1, 6);
        Assert.Equal(3, oos.Support);
        var c = report.PerLabel.Single(metrics => metrics.Label == "c");
        Assert.Equal((0.0, 0.0, 0.0, 2), (c.Precision, c.Recall, c.F1, c.Support));
    }

    [Fact]
    public void Out_of_scope_metrics_follow_the_clinc150_definitions()
    {
        var report = EvaluationReport.FromOutcomes(HandChecked);

        // In-scope rows: a×3, b×2, c×2; right: a, a, b. Answering out_of_scope to an in-scope row counts as wrong.
        Assert.Equal(3.0 / 7, report.InScopeAccuracy!.Value, 6);
        Assert.Equal(2.0 / 3, report.OosRecall!.Value, 6);
        Assert.Equal(0.4, report.OosPrecision!.Value, 6);
    }

    [Fact]
    public void Most_confused_pairs_come_most_frequent_first()
    {
        var report = EvaluationReport.FromOutcomes(HandChecked);

        Assert.Equal(
            [new ConfusedPair("c", Oos, 2), new ConfusedPair("a", "b", 1), new ConfusedPair("b", Oos, 1), new ConfusedPair(Oos, "a", 1)],
            report.ConfusedPairs);
    }

    [Fact]
    public void Without_out_of_scope_rows_the_out_of_scope_metrics_are_null_in_json()
    {
        var report = EvaluationReport.FromOutcomes([new("a", "a"), new("b", "a")]);

        Assert.Null(report.InScopeAccuracy);
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("inScopeAccuracy").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("oosRecall").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("oosPrecision").ValueKind);
    }

    [Fact]
    public void Json_is_one_line_of_camel_case_metrics()
    {
        var report = EvaluationReport.FromOutcomes(HandChecked) with { TrainSeconds = 1.5, PredictionsPerSecond = 1234 };

        var text = report.ToJson();

        Assert.DoesNotContain('\n', text);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(0.5, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(0.4167, root.GetProperty("macroF1").GetDouble());
        Assert.Equal(10, root.GetProperty("examples").GetInt32());
        Assert.Equal(1.5, root.GetProperty("trainSeconds").GetDouble());
        Assert.Equal(1234, root.GetProperty("predictionsPerSecond").GetDouble());
        Assert.Equal(0.4286, root.GetProperty("inScopeAccuracy").GetDouble());
        Assert.Equal(0.6667, root.GetProperty("oosRecall").GetDouble());
        Assert.Equal(0.4, root.GetProperty("oosPrecision").GetDouble());
        Assert.Equal(4, root.GetProperty("perLabel").GetArrayLength());
        Assert.Equal("c", root.GetProperty("perLabel")[0].GetProperty("label").GetString());
        Assert.Equal(2, root.GetProperty("confusedPairs")[0].GetProperty("count").GetInt32());
    }

    [Fact]
    public void Text_report_shows_headline_and_a_table_worst_label_first()
    {
        var writer = new StringWriter();

        EvaluationReport.FromOutcomes(HandChecked).WriteText(writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("accuracy 50.0", lines[0]);
        Assert.Contains("in-scope accuracy 42.9", lines[0]);
        var header = Array.FindIndex(lines, line => line.StartsWith("label", StringComparison.Ordinal));
        Assert.StartsWith("c ", lines[header + 1]);
        Assert.Contains(lines, line => line == "c -> out_of_scope: 2");
    }

    [Fact]
    public void Label_only_predicted_is_listed_but_not_averaged()
    {
        var report = EvaluationReport.FromOutcomes([new("a", "a"), new("a", "x")]);

        Assert.Contains(report.PerLabel, metrics => metrics.Label == "x" && metrics.Support == 0);
        Assert.Equal(2.0 / 3, report.MacroF1, 6);
    }
}

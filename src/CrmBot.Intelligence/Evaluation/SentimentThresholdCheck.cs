using System.Globalization;
using System.Text.Json.Nodes;
using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Sentiment;

namespace CrmBot.Intelligence.Evaluation;

/// <summary>
/// Whether the sentiment score escalates the right messages on its own: the share of angry messages at or below the
/// escalation threshold (should be high) and of calm ones (neutral, mildly negative, positive) there (should be near 0).
/// </summary>
public sealed record SentimentThresholdCheck(double Threshold, int Angry, int AngryEscalated, int Calm, int CalmEscalated, IReadOnlyList<string> CalmExamples)
{
    public double AngryRecall => Angry == 0 ? 0 : (double)AngryEscalated / Angry;

    public double CalmFalseAlarmRate => Calm == 0 ? 0 : (double)CalmEscalated / Calm;

    public static SentimentThresholdCheck Measure(SentimentAnalyzer model, IReadOnlyList<LabeledText> rows, double threshold)
    {
        int angry = 0, angryEscalated = 0, calm = 0, calmEscalated = 0;
        var examples = new List<string>();
        foreach (var row in rows)
        {
            var escalates = model.Analyze(row.Text).Score <= threshold;
            if (row.Label == SentimentAnalyzer.Angry)
            {
                angry++;
                angryEscalated += escalates ? 1 : 0;
            }
            else
            {
                calm++;
                if (escalates)
                {
                    calmEscalated++;
                    examples.Add(row.Text);
                }
            }
        }
        return new SentimentThresholdCheck(threshold, angry, angryEscalated, calm, calmEscalated, examples);
    }

    public void WriteText(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"escalation threshold {Threshold:0.00}: angry messages at or below {AngryRecall:P1} ({AngryEscalated}/{Angry}), calm messages at or below {CalmFalseAlarmRate:P1} ({CalmEscalated}/{Calm})"));
        foreach (var text in CalmExamples.Take(10))
        {
            output.WriteLine($"  calm but escalated: {text}");
        }
    }

    /// <summary>The report's JSON object with this check added as "threshold".</summary>
    public string AddTo(string reportJson)
    {
        var node = JsonNode.Parse(reportJson)!.AsObject();
        node["threshold"] = new JsonObject
        {
            ["score"] = Threshold,
            ["angry_recall"] = Math.Round(AngryRecall, 4),
            ["calm_false_alarm_rate"] = Math.Round(CalmFalseAlarmRate, 4),
        };
        return node.ToJsonString();
    }
}

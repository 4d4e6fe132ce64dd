using System.Globalization;
using System.Text.Json;

namespace CrmBot.Core.Evaluation;

/// <summary>The figures of an <c>eval conversations</c> run: resolved of resolvable, escalated of escalation-worthy, wrong, and calm customers escalated on tone.</summary>
public sealed record ConversationEvalReport(IReadOnlyList<ConversationOutcome> Outcomes)
{
    public int Resolvable => Outcomes.Count(o => o.Script.Expect == ExpectedOutcome.Resolved);
    public int Resolved => Outcomes.Count(o => o.Script.Expect == ExpectedOutcome.Resolved && o.Correct);
    public int ToEscalate => Outcomes.Count(o => o.Script.Expect == ExpectedOutcome.Escalated);
    public int EscalatedCorrectly => Outcomes.Count(o => o.Script.Expect == ExpectedOutcome.Escalated && o.Correct);
    public int Wrong => Outcomes.Count(o => !o.Correct);
    public int CalmEscalatedOnSentiment => Outcomes.Count(o => o.CalmEscalatedOnSentiment);

    public void WriteText(TextWriter output, bool transcripts)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"conversations: {Outcomes.Count} · resolved {Resolved}/{Resolvable} · escalated correctly {EscalatedCorrectly}/{ToEscalate} · wrong {Wrong} · calm customers escalated on sentiment {CalmEscalatedOnSentiment}"));
        foreach (var outcome in Outcomes.Where(o => !o.Correct))
        {
            output.WriteLine($"  {outcome.Script.Id} (expected {outcome.Script.Expect.ToString().ToLowerInvariant()}): {outcome.Verdict}");
            if (transcripts)
            {
                foreach (var line in outcome.Transcript)
                {
                    output.WriteLine("      " + line);
                }
            }
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        conversations = Outcomes.Count,
        resolvable = Resolvable,
        resolved = Resolved,
        to_escalate = ToEscalate,
        escalated_correctly = EscalatedCorrectly,
        wrong = Wrong,
        calm_escalated_on_sentiment = CalmEscalatedOnSentiment,
        failures = Outcomes.Where(o => !o.Correct).Select(o => new { id = o.Script.Id, verdict = o.Verdict }),
    });
}

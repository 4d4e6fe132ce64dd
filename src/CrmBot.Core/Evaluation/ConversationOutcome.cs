using CrmBot.Core.Escalations;

namespace CrmBot.Core.Evaluation;

/// <summary>How one scripted conversation went: escalated or not (and why), and the first turn whose replies missed their checks.</summary>
public sealed record ConversationOutcome(ConversationScript Script, bool Escalated, EscalationReason? EscalationReason, TurnFailure? Failure, IReadOnlyList<string> Transcript)
{
    /// <summary>The bot did what the script expects: resolved without a person, or handed over; and every reply passed its checks.</summary>
    public bool Correct => Failure is null && Escalated == (Script.Expect == ExpectedOutcome.Escalated);

    /// <summary>A conversation the bot should have resolved went to a person because of the customer's tone alone.</summary>
    public bool CalmEscalatedOnSentiment => Script.Expect == ExpectedOutcome.Resolved && EscalationReason == Escalations.EscalationReason.NegativeSentiment;

    public string Verdict => Correct
        ? Script.Expect == ExpectedOutcome.Resolved ? "resolved" : "escalated"
        : Failure is not null ? $"wrong at turn {Failure.Turn}: {Failure.Problem}"
        : Escalated ? $"escalated ({EscalationReason}) but should be resolved" : "not escalated but should be";
}

/// <summary>The first customer message whose replies failed a check.</summary>
public sealed record TurnFailure(int Turn, string Problem);

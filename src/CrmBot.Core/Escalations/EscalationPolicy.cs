using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Understanding;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Escalations;

/// <summary>
/// The one place that decides when the bot hands over to a person, and records why. Pure: it reads the turn's
/// understanding and the conversation's counters (already updated for this turn) and changes nothing.
/// </summary>
public sealed class EscalationPolicy(IOptions<EscalationOptions> options)
{
    public const string HumanIntent = "contact_human_agent";
    public const string ComplaintIntent = "complaint";

    /// <summary>Checked before the message is routed to a dialog.</summary>
    public EscalationDecision? BeforeRouting(MessageUnderstanding understanding, Conversation conversation, Customer? customer)
    {
        var o = options.Value;
        if (understanding.Intent == HumanIntent)
        {
            return new(EscalationReason.CustomerRequest, "Customer asked for a person");
        }
        if (understanding.SentimentScore <= o.SentimentThreshold)
        {
            return new(EscalationReason.NegativeSentiment, $"Very negative message (sentiment {understanding.SentimentScore:0.00})");
        }
        if (conversation.ConsecutiveNegativeTurns >= o.NegativeTurnsInARow)
        {
            return new(EscalationReason.NegativeSentiment, $"{conversation.ConsecutiveNegativeTurns} negative messages in a row");
        }
        if (understanding.Intent == ComplaintIntent && customer?.Tier == CustomerTier.Vip)
        {
            return new(EscalationReason.VipComplaint, "Complaint from a VIP customer");
        }
        if (o.AlwaysEscalateIntents.Contains(understanding.Intent))
        {
            return new(EscalationReason.PolicyIntent, $"'{understanding.Intent}' is always handled by a person");
        }
        return null;
    }

    /// <summary>Checked after the bot answered: too many turns in a row it could not handle.</summary>
    public EscalationDecision? AfterFallback(Conversation conversation) =>
        conversation.ConsecutiveFallbacks >= options.Value.FallbacksInARow
            ? new(EscalationReason.RepeatedFallback, $"The bot could not help {conversation.ConsecutiveFallbacks} times in a row")
            : null;

    /// <summary>Whether this message counts toward <see cref="EscalationOptions.NegativeTurnsInARow"/>.</summary>
    public bool IsNegativeTurn(MessageUnderstanding understanding) =>
        understanding.SentimentScore <= options.Value.NegativeTurnScore;
}

public sealed record EscalationDecision(EscalationReason Reason, string Detail);

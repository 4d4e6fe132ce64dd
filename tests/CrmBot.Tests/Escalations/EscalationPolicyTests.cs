using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Understanding;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.Escalations;

public class EscalationPolicyTests
{
    private readonly EscalationOptions _options = new() { SentimentThreshold = -0.8, NegativeTurnScore = -0.4, NegativeTurnsInARow = 2, FallbacksInARow = 2 };

    private EscalationPolicy Policy => new(Options.Create(_options));

    private static MessageUnderstanding Message(string intent, double sentiment = 0) =>
        new(intent, 0.9, [], [], sentiment < -0.3 ? "negative" : "neutral", sentiment);

    private static Conversation Conversation(int negativeTurns = 0, int fallbacks = 0) =>
        new() { Channel = "test", ChannelConversationId = "c", ConsecutiveNegativeTurns = negativeTurns, ConsecutiveFallbacks = fallbacks };

    private static Customer Customer(CustomerTier tier) =>
        new() { FirstName = "A", LastName = "B", Email = "a@example.com", AddressLine1 = "1 Road", City = "Leeds", Postcode = "LS1 1AA", Tier = tier };

    [Fact]
    public void Asking_for_a_person_escalates_as_a_customer_request() =>
        Assert.Equal(EscalationReason.CustomerRequest, Policy.BeforeRouting(Message("contact_human_agent"), Conversation(), null)!.Reason);

    [Fact]
    public void One_very_negative_message_escalates() =>
        Assert.Equal(EscalationReason.NegativeSentiment, Policy.BeforeRouting(Message("track_order", -0.85), Conversation(), null)!.Reason);

    [Fact]
    public void One_mildly_negative_message_does_not_escalate() =>
        Assert.Null(Policy.BeforeRouting(Message("track_order", -0.5), Conversation(negativeTurns: 1), null));

    [Fact]
    public void Angry_customer_is_escalated_after_two_negative_turns() =>
        Assert.Equal(EscalationReason.NegativeSentiment, Policy.BeforeRouting(Message("track_order", -0.5), Conversation(negativeTurns: 2), null)!.Reason);

    [Fact]
    public void Complaint_from_a_vip_escalates_at_once_but_from_a_standard_customer_goes_to_the_complaint_dialog()
    {
        Assert.Equal(EscalationReason.VipComplaint, Policy.BeforeRouting(Message("complaint"), Conversation(), Customer(CustomerTier.Vip))!.Reason);
        Assert.Null(Policy.BeforeRouting(Message("complaint"), Conversation(), Customer(CustomerTier.Standard)));
    }

    [Fact]
    public void Configured_intents_always_escalate()
    {
        _options.AlwaysEscalateIntents = ["delete_account"];
        Assert.Equal(EscalationReason.PolicyIntent, Policy.BeforeRouting(Message("delete_account"), Conversation(), null)!.Reason);
    }

    [Fact]
    public void Two_fallbacks_in_a_row_escalate_but_one_does_not()
    {
        Assert.Null(Policy.AfterFallback(Conversation(fallbacks: 1)));
        Assert.Equal(EscalationReason.RepeatedFallback, Policy.AfterFallback(Conversation(fallbacks: 2))!.Reason);
    }

    [Theory]
    [InlineData(CustomerTier.Vip, 0.0, 1)]
    [InlineData(CustomerTier.Gold, 0.0, 2)]
    [InlineData(CustomerTier.Standard, 0.0, 3)]
    [InlineData(CustomerTier.Standard, -0.7, 2)]
    public void Priority_follows_tier_and_mood(CustomerTier tier, double sentiment, int expected) =>
        Assert.Equal(expected, EscalationService.Priority(EscalationReason.CustomerRequest, Customer(tier), sentiment));

    [Theory]
    [InlineData(CustomerTier.Standard, null, 0.0, 3)]
    [InlineData(CustomerTier.Standard, 0.59, 0.0, 3)]
    [InlineData(CustomerTier.Standard, 0.6, 0.0, 2)]
    [InlineData(CustomerTier.Standard, 0.9, -0.7, 1)]
    [InlineData(CustomerTier.Gold, 0.75, 0.0, 1)]
    [InlineData(CustomerTier.Vip, 0.75, -0.9, 1)]
    public void A_high_churn_risk_moves_the_customer_one_step_up(CustomerTier tier, double? churnRisk, double sentiment, int expected)
    {
        var customer = Customer(tier);
        customer.ChurnRisk = churnRisk;

        Assert.Equal(expected, EscalationService.Priority(EscalationReason.CustomerRequest, customer, sentiment));
    }
}

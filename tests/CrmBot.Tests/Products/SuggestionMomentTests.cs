using CrmBot.Core.Recommendations;
using static CrmBot.Core.Recommendations.SuggestionMoments;

namespace CrmBot.Tests.Products;

public class SuggestionMomentTests
{
    private const double MinSentiment = 0.2;

    private static readonly Facts HappyClose = new("thanks", "positive", MessageSentiment: 0.6, ConversationSentiment: 0.5, Verified: true, MarketingConsent: true,
        Escalated: false, ComplainedHere: false, OpenEscalation: false, SuggestionsShownHere: false);

    [Fact]
    public void A_verified_customer_closing_a_happy_conversation_gets_an_offer()
    {
        Assert.Equal(Blocker.None, Unasked(HappyClose, MinSentiment));
        Assert.Equal(Blocker.None, Unasked(HappyClose with { Intent = "goodbye", SentimentLabel = "neutral" }, MinSentiment));
    }

    [Fact]
    public void No_offer_in_the_middle_of_a_conversation()
    {
        Assert.Equal(Blocker.NotClosing, Unasked(HappyClose with { Intent = "track_order" }, MinSentiment));
    }

    [Theory]
    [InlineData("negative", 0.5)]
    [InlineData("angry", 0.5)]
    [InlineData("positive", 0.1)]
    [InlineData("neutral", -0.4)]
    public void An_unhappy_customer_gets_no_offer(string label, double conversationSentiment)
    {
        Assert.Equal(Blocker.Unhappy, Unasked(HappyClose with { SentimentLabel = label, ConversationSentiment = conversationSentiment }, MinSentiment));
    }

    [Fact]
    public void An_escalated_conversation_gets_no_offer()
    {
        Assert.Equal(Blocker.Escalated, Unasked(HappyClose with { Escalated = true }, MinSentiment));
    }

    [Fact]
    public void A_complaint_here_or_an_open_escalation_anywhere_blocks_the_offer()
    {
        Assert.Equal(Blocker.Complaint, Unasked(HappyClose with { ComplainedHere = true }, MinSentiment));
        Assert.Equal(Blocker.OpenEscalation, Unasked(HappyClose with { OpenEscalation = true }, MinSentiment));
    }

    [Fact]
    public void Guests_and_customers_without_marketing_consent_get_no_offer()
    {
        Assert.Equal(Blocker.NotVerified, Unasked(HappyClose with { Verified = false }, MinSentiment));
        Assert.Equal(Blocker.NoMarketingConsent, Unasked(HappyClose with { MarketingConsent = false }, MinSentiment));
    }

    [Fact]
    public void Asked_for_suggestions_are_shown_to_a_content_customer_even_with_a_ticket_elsewhere_but_never_to_an_unhappy_or_escalated_one()
    {
        var asked = HappyClose with { Intent = "product_recommendation", Verified = false, MarketingConsent = false, SuggestionsShownHere = true };
        Assert.Equal(Blocker.None, WhenAsked(asked));
        Assert.Equal(Blocker.Unhappy, WhenAsked(asked with { SentimentLabel = "angry" }));
        Assert.Equal(Blocker.Unhappy, WhenAsked(asked with { SentimentLabel = "negative", MessageSentiment = -0.7 }));
        Assert.Equal(Blocker.Unhappy, WhenAsked(asked with { ConversationSentiment = -0.5 }));
        // A plain request the model reads as mildly negative is still answered.
        Assert.Equal(Blocker.None, WhenAsked(asked with { SentimentLabel = "negative", MessageSentiment = -0.36, ConversationSentiment = -0.36 }));
        Assert.Equal(Blocker.Escalated, WhenAsked(asked with { Escalated = true }));
        Assert.Equal(Blocker.Complaint, WhenAsked(asked with { ComplainedHere = true }));
        Assert.Equal(Blocker.None, WhenAsked(asked with { OpenEscalation = true }));
    }

    [Fact]
    public void At_most_one_offer_per_conversation_and_none_after_asked_for_suggestions()
    {
        Assert.Equal(Blocker.AlreadyShown, Unasked(HappyClose with { SuggestionsShownHere = true }, MinSentiment));
    }
}

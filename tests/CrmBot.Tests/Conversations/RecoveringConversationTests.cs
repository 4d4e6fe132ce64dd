using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Orders;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CrmBot.Core.Engine;

namespace CrmBot.Tests.Conversations;

/// <summary>
/// Conversations as customers write them: several requests at once, a natural "no", a new topic mid-question, a
/// story told up front, calm complaints. Each test starts from the freshly seeded store.
/// </summary>
[Collection(AppCollection.Name)]
public class RecoveringConversationTests(CrmBotAppFixture trained, SeededApp seeded) : IClassFixture<SeededApp>
{
    private const string Alice = DemoDataSeeder.DemoCustomerEmail;

    [Fact]
    public async Task Two_requests_in_one_message_are_both_done_each_with_its_own_order_number()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        var reply = await alice.ReplyToAsync($"hiya, where's {DemoDataSeeder.DemoShippedOrderNumber} and can you send me the invoice for {DemoDataSeeder.DemoRecentDeliveredOrderNumber} please");

        Assert.Matches($"{DemoDataSeeder.DemoShippedOrderNumber}[^\\n]*on its way", reply);
        Assert.Matches($"invoice for order {DemoDataSeeder.DemoRecentDeliveredOrderNumber}", reply);
        Assert.DoesNotContain($"invoice for order {DemoDataSeeder.DemoShippedOrderNumber}", reply);
    }

    [Fact]
    public async Task A_request_waits_its_turn_while_the_first_one_asks_for_confirmation()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        Assert.Contains("Shall I cancel it?", await alice.ReplyToAsync($"cancel {DemoDataSeeder.DemoProcessingOrderNumber} and tell me when {DemoDataSeeder.DemoShippedOrderNumber} arrives"));
        var reply = await alice.ReplyToAsync("yeah go on then");

        Assert.Contains("is cancelled", reply);
        Assert.Matches($"{DemoDataSeeder.DemoShippedOrderNumber}[^\\n]*should arrive by", reply);
    }

    [Fact]
    public async Task A_waiting_request_is_stored_without_personal_data()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        await alice.ReplyToAsync($"cancel {DemoDataSeeder.DemoProcessingOrderNumber} and then tell me on 07700 900123 or alice.m@example.com when {DemoDataSeeder.DemoShippedOrderNumber} arrives");

        await using var db = app.NewDb();
        var state = (await db.Conversations.SingleAsync(c => c.ChannelConversationId == alice.ConversationId)).DialogState;
        Assert.Contains(DemoDataSeeder.DemoShippedOrderNumber, state);
        Assert.DoesNotContain("alice.m@example.com", state);
        Assert.DoesNotContain("900123", state);
    }

    [Fact]
    public async Task An_order_number_given_for_a_new_request_does_not_fill_the_question_asked_before()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        Assert.Contains("Which order do you need the invoice for?", await alice.ReplyToAsync("I need an invoice"));
        var reply = await alice.ReplyToAsync($"actually can you cancel order {DemoDataSeeder.DemoProcessingOrderNumber} instead");

        Assert.Contains("Shall I cancel it?", reply);
        Assert.DoesNotContain("emailed the VAT invoice", reply);
    }

    [Theory]
    [InlineData("actually no, leave it")]
    [InlineData("hmm no actually, I'll keep it")]
    [InlineData("nah forget it")]
    public async Task A_natural_no_keeps_the_order_and_never_shows_a_template(string no)
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        await alice.ReplyToAsync($"please cancel {DemoDataSeeder.DemoProcessingOrderNumber}");
        var reply = await alice.ReplyToAsync(no);

        Assert.Contains("stays as it is", reply);
        await using var db = app.NewDb();
        Assert.Equal(OrderStatus.Processing, (await db.Orders.SingleAsync(o => o.Number == DemoDataSeeder.DemoProcessingOrderNumber)).Status);
    }

    [Fact]
    public async Task A_question_the_bot_asks_again_is_rendered_and_a_no_calls_it_off()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        await alice.ReplyToAsync($"please cancel {DemoDataSeeder.DemoProcessingOrderNumber}");
        var retry = await alice.ReplyToAsync("the weather is nice today");
        Assert.Contains(DemoDataSeeder.DemoProcessingOrderNumber, retry);
        Assert.DoesNotContain("{{", retry);

        var again = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);
        Assert.Contains("Which order would you like to cancel?", await again.ReplyToAsync("I'd like to cancel an order"));
        Assert.Contains("I've left that", await again.ReplyToAsync("actually no, leave it"));
    }

    [Fact]
    public async Task A_question_in_between_is_answered_and_the_waiting_question_asked_again()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        Assert.Contains("Which order", await alice.ReplyToAsync("I want to track an order"));
        var reply = await alice.ReplyToAsync("oh wait, do you deliver to Dublin?");

        Assert.Contains("£14.99", reply);
        Assert.Contains("Which order", reply);
        Assert.Contains("on its way", await alice.ReplyToAsync(DemoDataSeeder.DemoShippedOrderNumber));
    }

    [Fact]
    public async Task The_refund_flow_offers_the_orders_that_can_still_be_returned()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        var reply = await alice.ReplyToAsync("I want my money back on something");

        Assert.Contains(DemoDataSeeder.DemoRecentDeliveredOrderNumber, reply);
        Assert.Equal([DemoDataSeeder.DemoRecentDeliveredOrderNumber], alice.LastActions);
    }

    [Fact]
    public async Task A_complaint_told_up_front_is_not_asked_for_again()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        var reply = await alice.ReplyToAsync("I wish to make a formal complaint: my order arrived three days late, the box was crushed and nobody answered my emails about it");

        Assert.DoesNotContain("tell me what happened", reply);
        Assert.True(alice.Escalated);
    }

    [Theory]
    [InlineData("bit disappointed tbh")]
    [InlineData("yeah charged twice")]
    [InlineData("I'm waiting for a refund of 1200 dollars")]
    [InlineData("not great service tbh, the parcel came late")]
    public async Task A_calm_or_mildly_unhappy_customer_is_not_escalated_on_tone(string message)
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        await alice.ReplyToAsync(message);

        await using var db = app.NewDb();
        Assert.False(await db.Escalations.AnyAsync(e => e.Conversation!.ChannelConversationId == alice.ConversationId && e.Reason == EscalationReason.NegativeSentiment),
            $"'{message}' scored {alice.Turns[^1].Understanding?.SentimentScore:0.00}");
    }

    [Fact]
    public async Task An_angry_customer_is_escalated()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        await alice.ReplyToAsync("this is an absolute DISGRACE, three weeks and still no refund, I'm reporting you to trading standards!!");

        Assert.True(alice.Escalated, $"scored {alice.Turns[^1].Understanding?.SentimentScore:0.00}");
    }

    [Fact]
    public async Task A_hacked_account_gets_what_to_do_now_and_then_a_person()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        var reply = await alice.ReplyToAsync("someone has got into my account and changed my email, there's an order on it I never made");

        Assert.Contains("password", reply);
        Assert.True(alice.Escalated);
        await using var db = app.NewDb();
        var escalation = await db.Escalations.SingleAsync(e => e.Conversation!.ChannelConversationId == alice.ConversationId);
        Assert.Equal("accounts", escalation.Queue);
    }

    [Fact]
    public async Task A_data_copy_request_gives_a_private_download_link_and_never_starts_deleting_the_account()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        var reply = await alice.ReplyToAsync("Under UK GDPR I would like a copy of all the personal data you hold about me.");

        Assert.Contains("/privacy/exports/", reply);
        Assert.DoesNotContain("delete", reply, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_warranty_claim_checks_the_cover_of_the_order()
    {
        var app = await seeded.FreshAsync(trained);
        var alice = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        var reply = await alice.ReplyToAsync($"my telly from {DemoDataSeeder.DemoOlderDeliveredOrderNumber} keeps cutting out, can you get it repaired under the guarantee please");

        Assert.Contains(DemoDataSeeder.DemoOlderDeliveredOrderNumber, reply);
        Assert.Contains("covered by our 2-year warranty", reply);
    }
}

using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Orders;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Engine;

namespace CrmBot.Tests.Conversations;

/// <summary>Whole conversations against the real app and a real SQLite file, asserting what the store holds afterwards.</summary>
[Collection(AppCollection.Name)]
public class ConversationFlowTests(CrmBotAppFixture app)
{
    [Fact]
    public async Task Verified_customer_tracks_a_shipped_order_and_every_turn_is_annotated()
    {
        var chat = await ChatSession.AsCustomerAsync(app, DemoDataSeeder.DemoCustomerEmail);
        await using var db = app.NewDb();
        var order = await db.Orders.SingleAsync(o => o.Number == DemoDataSeeder.DemoShippedOrderNumber);

        var result = await chat.SayAsync($"hi, where is my order {DemoDataSeeder.DemoShippedOrderNumber}?");

        Assert.Equal("track_order", result.Understanding!.Intent);
        Assert.Contains(order.TrackingNumber!, chat.LastReply);
        Assert.Contains(order.Carrier!, chat.LastReply);
        var rows = await db.Interactions.Where(i => i.ConversationId == result.ConversationId).OrderBy(i => i.Id).ToListAsync();
        var inbound = rows.First();
        Assert.Equal(InteractionDirection.Inbound, inbound.Direction);
        Assert.Equal("track_order", inbound.Intent);
        Assert.InRange(inbound.Confidence!.Value, 0.3, 1.0);
        Assert.NotNull(inbound.SentimentScore);
        Assert.NotNull(inbound.SentimentLabel);
        Assert.Contains("order_number", inbound.Entities);
        var outbound = rows.Skip(1).ToList();
        Assert.NotEmpty(outbound);
        Assert.All(outbound, o =>
        {
            Assert.Equal(InteractionDirection.Outbound, o.Direction);
            Assert.Equal(inbound.Id, o.ReplyToId);
            Assert.NotNull(o.LatencyMs);
            Assert.Equal("track_order", o.HandledBy);
        });
    }

    [Fact]
    public async Task Recently_delivered_order_is_returned_for_a_refund()
    {
        var chat = await ChatSession.AsCustomerAsync(app, DemoDataSeeder.DemoCustomerEmail);

        await chat.SayAsync($"I want to return order {DemoDataSeeder.DemoRecentDeliveredOrderNumber} and get my money back");
        Assert.Contains("reason", chat.LastReply);
        await chat.SayAsync("it stopped working after two days");
        Assert.Contains("Shall I start the return", chat.LastReply);
        await chat.SayAsync("yes please");
        Assert.Contains("return", chat.LastReply);

        await using var db = app.NewDb();
        var order = await db.Orders.SingleAsync(o => o.Number == DemoDataSeeder.DemoRecentDeliveredOrderNumber);
        Assert.Equal(RefundStatus.Requested, order.RefundStatus);
        Assert.NotNull(order.ReturnRequestedAt);
        Assert.Equal("it stopped working after two days", order.ReturnReason);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == chat.StoredConversationId);
        Assert.Null(conversation.DialogState);
    }

    [Fact]
    public async Task Order_older_than_the_return_window_is_refused()
    {
        var chat = await ChatSession.AsCustomerAsync(app, DemoDataSeeder.DemoCustomerEmail);
        await chat.SayAsync($"i'd like a refund for {DemoDataSeeder.DemoOlderDeliveredOrderNumber}");
        Assert.Contains("30-day return window ended", chat.LastReply);
        await using var db = app.NewDb();
        Assert.Equal(RefundStatus.None, (await db.Orders.SingleAsync(o => o.Number == DemoDataSeeder.DemoOlderDeliveredOrderNumber)).RefundStatus);
    }

    [Fact]
    public async Task Order_details_are_refused_before_verification_and_shown_after()
    {
        var chat = new ChatSession(app);
        await using var db = app.NewDb();
        var order = await db.Orders.SingleAsync(o => o.Number == DemoDataSeeder.DemoShippedOrderNumber);

        await chat.SayAsync($"where is {DemoDataSeeder.DemoShippedOrderNumber}");
        Assert.Contains("email address", chat.LastReply);
        Assert.DoesNotContain(order.TrackingNumber!, chat.LastReply);

        // The order number in the first message doubles as the proof, so a wrong email fails at once.
        await chat.SayAsync("mallory@example.com");
        Assert.Contains("don't match", chat.LastReply);
        Assert.DoesNotContain(order.TrackingNumber!, chat.LastReply);

        await chat.SayAsync(DemoDataSeeder.DemoCustomerEmail);
        Assert.Contains("postcode", chat.LastReply);
        await chat.SayAsync("my postcode is M1 4BT");
        Assert.Contains("Thanks Alice", chat.LastReply);
        Assert.Contains(order.TrackingNumber!, chat.LastReply);

        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == chat.StoredConversationId);
        Assert.Equal(order.CustomerId, conversation.CustomerId);
        var stored = await db.Interactions.Where(i => i.ConversationId == conversation.Id).Select(i => i.Text).ToListAsync();
        Assert.DoesNotContain(stored, t => t.Contains("alice.morgan", StringComparison.OrdinalIgnoreCase) || t.Contains("mallory"));
        Assert.DoesNotContain("alice.morgan", conversation.DialogState ?? "");
    }

    [Fact]
    public async Task Verification_locks_after_three_wrong_attempts()
    {
        var chat = new ChatSession(app);
        await chat.SayAsync("I need the invoice for BW-100001");
        for (int i = 0; i < 3; i++)
        {
            await chat.SayAsync($"nobody{i}@example.com");
            await chat.SayAsync("SW1A 1AA");
        }
        Assert.Contains("couldn't confirm your identity", chat.LastReply);
        await using var db = app.NewDb();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == chat.StoredConversationId);
        Assert.Null(conversation.CustomerId);
        Assert.Null(conversation.DialogState);
    }

    [Fact]
    public async Task Angry_customer_is_escalated_with_a_reference()
    {
        var chat = await ChatSession.AsCustomerAsync(app, DemoDataSeeder.DemoCustomerEmail);
        await chat.SayAsync("This is ridiculous, my order is late AGAIN and nobody tells me anything");
        await chat.SayAsync("Honestly the worst service I have ever had, I'm furious");

        await using var db = app.NewDb();
        var escalation = await db.Escalations.SingleAsync(e => e.ConversationId == chat.StoredConversationId);
        Assert.Equal(EscalationReason.NegativeSentiment, escalation.Reason);
        Assert.Equal(EscalationStatus.Pending, escalation.Status);
        Assert.InRange(escalation.Priority, 1, 2);
        Assert.Contains(escalation.Reference, chat.LastReply);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == chat.StoredConversationId);
        Assert.Equal(ConversationStatus.Escalated, conversation.Status);
        Assert.True(conversation.Sentiment < -0.3);

        await chat.SayAsync("hello? anyone?");
        Assert.Contains(escalation.Reference, chat.LastReply);
        Assert.Equal(1, await db.Escalations.CountAsync(e => e.ConversationId == chat.StoredConversationId));
    }

    [Fact]
    public async Task Asking_for_a_person_escalates_to_the_queue_of_the_topic()
    {
        var chat = await ChatSession.AsCustomerAsync(app, DemoDataSeeder.DemoCustomerEmail);
        await chat.SayAsync("I need a copy of my invoice");
        await chat.SayAsync("can I talk to a real person please");

        await using var db = app.NewDb();
        var escalation = await db.Escalations.SingleAsync(e => e.ConversationId == chat.StoredConversationId);
        Assert.Equal(EscalationReason.CustomerRequest, escalation.Reason);
        Assert.Equal("billing", escalation.Queue);
        Assert.Contains(escalation.Reference, chat.LastReply);
    }

    [Fact]
    public async Task Out_of_scope_question_gets_a_fallback_and_no_escalation()
    {
        var chat = new ChatSession(app);
        var result = await chat.SayAsync("what's the weather like in Paris tomorrow?");
        Assert.Equal("out_of_scope", result.Understanding!.Intent);
        Assert.Contains("not sure I can help", chat.LastReply);
        await using var db = app.NewDb();
        Assert.False(await db.Escalations.AnyAsync(e => e.ConversationId == chat.StoredConversationId));
        Assert.Equal(1, (await db.Conversations.SingleAsync(c => c.Id == chat.StoredConversationId)).ConsecutiveFallbacks);
    }

    [Fact]
    public async Task Two_fallbacks_in_a_row_escalate()
    {
        var chat = new ChatSession(app);
        await chat.SayAsync("write me a poem about the sea");
        await chat.SayAsync("who won the football last night");

        await using var db = app.NewDb();
        var escalation = await db.Escalations.SingleAsync(e => e.ConversationId == chat.StoredConversationId);
        Assert.Equal(EscalationReason.RepeatedFallback, escalation.Reason);
        Assert.Contains(escalation.Reference, chat.LastReply);
    }

    [Fact]
    public async Task Faq_question_is_answered_from_the_knowledge_base()
    {
        var chat = new ChatSession(app);
        var result = await chat.SayAsync("what payment methods do you accept?");
        Assert.Equal("check_payment_methods", result.Understanding!.Intent);
        Assert.StartsWith("knowledge:", result.Replies[0].HandledBy);
        Assert.Contains("PayPal", chat.LastReply);
    }

    [Fact]
    public async Task Product_recommendation_suggests_best_sellers_the_customer_does_not_own()
    {
        var chat = await ChatSession.AsCustomerAsync(app, DemoDataSeeder.DemoCustomerEmail);
        var result = await chat.SayAsync("can you recommend some headphones?");
        var products = result.Replies.SelectMany(r => r.Products).ToList();
        Assert.InRange(products.Count, 1, 3);
        await using var db = app.NewDb();
        var owned = await db.Orders.Where(o => o.Customer!.Email == DemoDataSeeder.DemoCustomerEmail)
            .SelectMany(o => o.Lines).Select(l => l.Product!.Sku).ToListAsync();
        Assert.DoesNotContain(products, p => owned.Contains(p.Sku));
        Assert.All(products, p => Assert.Equal("Audio", p.Category));
        Assert.Equal(products.Count, await db.RecommendationEvents.CountAsync(r => r.ConversationId == chat.StoredConversationId));
    }

    [Fact]
    public async Task A_redelivered_message_is_answered_from_the_store_without_a_second_turn()
    {
        var chat = new ChatSession(app);
        var first = await app.Engine.HandleAsync(new InboundMessage("test", chat.ConversationId, chat.AccountId, "what are your delivery options", "same-id"), default);
        var again = await app.Engine.HandleAsync(new InboundMessage("test", chat.ConversationId, chat.AccountId, "what are your delivery options", "same-id"), default);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Replies.Select(r => r.Text), again.Replies.Select(r => r.Text));
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Interactions.CountAsync(i => i.ConversationId == first.ConversationId && i.Direction == InteractionDirection.Inbound));
    }
}

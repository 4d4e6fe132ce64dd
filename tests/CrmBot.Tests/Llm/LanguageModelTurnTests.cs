using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Engine;
using CrmBot.Core.Llm;
using CrmBot.Core.Orders;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Llm;

/// <summary>
/// The bot with a language model configured (provider openai-compatible) against <see cref="FakeModelServer"/>:
/// Semantic Kernel's OpenAI connector talks real HTTP to it, so what the tests assert on is what a model would receive.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LanguageModelTurnTests(CrmBotAppFixture trained, HandoffAppPerClass apps, FakeModelServer model)
    : IClassFixture<HandoffAppPerClass>, IClassFixture<FakeModelServer>
{
    internal const string Alice = "alice.morgan@example.com";
    // Out of the shop's flows and help centre: only a model can say anything useful about it.
    internal const string OddQuestion = "Will the telly I ordered fit through a narrow Victorian doorway?";

    private HandoffApp App => apps.Get(trained, settings: Settings(model.BaseUrl, timeout: "00:00:03"));

    internal static Dictionary<string, string> Settings(string baseUrl, string timeout = "00:00:05", bool streaming = false) => new()
    {
        ["Llm:Provider"] = "openai-compatible",
        ["Llm:Endpoint"] = baseUrl + "/v1",
        ["Llm:Model"] = "fake-model",
        ["Llm:ApiKey"] = "test-key",
        ["Llm:Timeout"] = timeout,
        ["Llm:Streaming"] = streaming ? "true" : "false",
    };

    private ChatSession Guest() => new(App.Services.GetRequiredService<ConversationEngine>());

    private Task<ChatSession> AliceAsync() => ChatSession.AsCustomerAsync(App.Services.GetRequiredService<ConversationEngine>(), Alice);

    internal static ModelReply NoIntent(ModelRequest _) => ModelReply.Say("{\"intent\": \"none\"}");

    [Fact]
    public async Task Out_of_flow_question_is_answered_by_the_model_grounded_on_retrieved_articles()
    {
        const string answer = "Our delivery team brings large TVs to your door; measure the doorway against the boxed size on the product page first.";
        model.Reset(r => r.Is(LlmPrompts.GroundedAnswer) ? ModelReply.Say(answer) : NoIntent(r));
        var chat = Guest();

        await chat.SayAsync(OddQuestion);

        var reply = Assert.Single(chat.Turns[^1].Replies);
        Assert.Equal("llm", reply.HandledBy);
        Assert.Equal(answer, reply.Text);
        Assert.Single(model.Requests, r => r.Is(LlmPrompts.ClassifyIntent));
        var request = Assert.Single(model.Requests, r => r.Is(LlmPrompts.GroundedAnswer));
        Assert.Contains("Help-centre articles:\n1. ", request.SystemPrompt);
        Assert.Equal(OddQuestion, request.Messages[^1]["content"]!.ToString());
        // A guest is offered nothing that reads account data.
        Assert.DoesNotContain(request.Tools, t => t.StartsWith("orders-") || t.StartsWith("customers-"));
        Assert.Contains("knowledge-answer", request.Tools);
        await using var db = App.NewDb();
        var calls = await db.LlmCalls.Where(c => c.ConversationId == chat.StoredConversationId).ToListAsync();
        var used = Assert.Single(calls, c => c.Purpose == LlmPurpose.Answer);
        Assert.Equal(LlmOutcome.Used, used.Outcome);
        Assert.Equal(120, used.PromptTokens);
        Assert.Equal(30, used.CompletionTokens);
        Assert.Equal(chat.Turns[^1].InteractionId, used.InteractionId);
    }

    [Fact]
    public async Task Model_reads_the_verified_customers_order_through_the_orders_function()
    {
        await using (var db = App.NewDb())
        {
            var number = await db.Orders.Where(o => o.Customer!.Email == Alice).OrderByDescending(o => o.PlacedAt).Select(o => o.Number).FirstAsync();
            model.Reset(r =>
            {
                if (!r.Is(LlmPrompts.GroundedAnswer))
                {
                    return NoIntent(r);
                }
                // First the model asks for the order (by the placeholder it was shown), then it answers from the result.
                return r.ToolResults.Count == 0
                    ? ModelReply.Call("orders-get_order", new { order_number = "[ORDER_NUMBER_1]" })
                    : ModelReply.Say("Order [ORDER_NUMBER_1] is " + (r.ToolResults[0].Contains("\"found\":true") ? "on your account." : "not found."));
            });
            var chat = await AliceAsync();

            await chat.SayAsync($"{OddQuestion} It is order {number}.");

            Assert.Equal($"Order {number} is on your account.", chat.LastReply);
            var answered = model.Requests.Last(r => r.Is(LlmPrompts.GroundedAnswer));
            Assert.Contains("orders-get_order", answered.Tools);
            Assert.DoesNotContain("orders-cancel_order", answered.Tools);
            // The function got the real number; the model only ever saw the placeholder.
            Assert.Contains("\"number\":\"[ORDER_NUMBER_1]\"", answered.ToolResults[0]);
            Assert.DoesNotContain(number, string.Concat(model.Requests.Select(r => r.Body)));
            var call = await db.LlmCalls.SingleAsync(c => c.ConversationId == chat.StoredConversationId && c.Purpose == LlmPurpose.Answer);
            Assert.Equal(1, call.ToolCalls);
            Assert.Equal(240, call.PromptTokens);
        }
    }

    [Fact]
    public async Task Another_customers_order_is_not_found_even_when_the_model_asks_for_it()
    {
        await using var db = App.NewDb();
        var other = await db.Orders.Where(o => o.Customer!.Email != Alice).Select(o => new { o.Number, o.ShipToPostcode }).FirstAsync();
        model.Reset(r =>
        {
            if (!r.Is(LlmPrompts.GroundedAnswer))
            {
                return NoIntent(r);
            }
            if (r.ToolResults.Count == 0)
            {
                return ModelReply.Call("orders-get_order", new { order_number = other.Number });
            }
            return r.ToolResults.Count == 1
                ? ModelReply.Call("orders-cancel_order", new { order_number = other.Number })
                : ModelReply.Say("I can't find that order on your account.");
        });
        var chat = await AliceAsync();

        await chat.SayAsync($"{OddQuestion} Also tell me about order {other.Number}.");

        Assert.Equal("I can't find that order on your account.", chat.LastReply);
        var last = model.Requests.Last();
        Assert.Contains("\"found\":false", last.ToolResults[0]);
        Assert.DoesNotContain(other.ShipToPostcode, last.Body);
        // cancel_order is not offered: the call is refused, and the order is untouched.
        Assert.DoesNotContain("orders-cancel_order", last.Tools);
        Assert.DoesNotContain("\"status\":\"done\"", last.ToolResults[1]);
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Number == other.Number);
        Assert.NotEqual(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public async Task Personal_data_leaves_the_process_only_as_placeholders_and_comes_back_restored()
    {
        await using var db = App.NewDb();
        var alice = await db.Customers.AsNoTracking().SingleAsync(c => c.Email == Alice);
        model.Reset(r => r.Is(LlmPrompts.GroundedAnswer)
            ? ModelReply.Say("Thanks [CUSTOMER_NAME_1], we will write to [EMAIL_1] and call [PHONE_1].")
            : NoIntent(r));
        var chat = await AliceAsync();

        await chat.SayAsync($"{OddQuestion} Write to {alice.Email} or ring 07700 900123, I live at {alice.AddressLine1}, {alice.Postcode}.");

        var bodies = string.Concat(model.Requests.Select(r => r.Body));
        foreach (var personal in new[] { alice.FirstName, alice.LastName, alice.Email, "07700 900123", alice.AddressLine1, alice.Postcode })
        {
            Assert.DoesNotContain(personal, bodies, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("[CUSTOMER_NAME_1]", bodies);
        Assert.Contains("[EMAIL_", bodies);
        Assert.Contains("[PHONE_1]", bodies);
        Assert.Contains("[ADDRESS_1]", bodies);
        Assert.Contains("[POSTCODE_1]", bodies);
        Assert.Contains(alice.FirstName, chat.LastReply);
        Assert.Contains("07700 900123", chat.LastReply);
        Assert.DoesNotContain("[", chat.LastReply);
    }

    [Fact]
    public async Task Slow_model_falls_back_to_the_offline_answer_within_the_timeout()
    {
        model.Reset(r => new ModelReply("too late") { Delay = TimeSpan.FromSeconds(30) });
        var chat = Guest();
        var started = System.Diagnostics.Stopwatch.StartNew();

        await chat.SayAsync(OddQuestion);

        // Two exchanges (intent, answer) of at most 3 s each, then the bot's own reply.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"took {started.Elapsed}");
        Assert.DoesNotContain(chat.Turns[^1].Replies, r => r.HandledBy == "llm");
        Assert.Contains(chat.Turns[^1].Replies, r => r.HandledBy is "fallback" or "knowledge" or "clarify");
        await using var db = App.NewDb();
        Assert.All(await db.LlmCalls.Where(c => c.ConversationId == chat.StoredConversationId).ToListAsync(), c => Assert.Equal(LlmOutcome.Timeout, c.Outcome));
    }

    [Fact]
    public async Task Malformed_model_output_is_not_shown_and_the_bot_answers_offline()
    {
        model.Reset(r => r.Is(LlmPrompts.ClassifyIntent)
            ? ModelReply.Say("I think it is about delivery")
            : r.Is(LlmPrompts.GroundedAnswer) ? ModelReply.Say("Your order [ORDER_NUMBER_7] arrives tomorrow.") : NoIntent(r));
        var chat = Guest();

        await chat.SayAsync(OddQuestion);

        Assert.DoesNotContain(chat.Turns[^1].Replies, r => r.HandledBy == "llm");
        Assert.DoesNotContain("ORDER_NUMBER", chat.LastReply);
        await using var db = App.NewDb();
        var calls = await db.LlmCalls.Where(c => c.ConversationId == chat.StoredConversationId).ToListAsync();
        Assert.Equal(LlmOutcome.Malformed, Assert.Single(calls, c => c.Purpose == LlmPurpose.Intent).Outcome);
        Assert.Equal(LlmOutcome.Malformed, Assert.Single(calls, c => c.Purpose == LlmPurpose.Answer).Outcome);
    }

    [Fact]
    public async Task Server_error_falls_back_offline()
    {
        model.Reset(_ => new ModelReply(null) { Raw = "{\"error\":{\"message\":\"overloaded\"}}", Status = 500 });
        var chat = Guest();

        await chat.SayAsync(OddQuestion);

        Assert.DoesNotContain(chat.Turns[^1].Replies, r => r.HandledBy == "llm");
        await using var db = App.NewDb();
        Assert.All(await db.LlmCalls.Where(c => c.ConversationId == chat.StoredConversationId).ToListAsync(), c => Assert.Equal(LlmOutcome.Failed, c.Outcome));
    }

    [Fact]
    public async Task Intent_named_by_the_model_routes_to_that_flow_but_an_unknown_one_is_ignored()
    {
        model.Reset(r => r.Is(LlmPrompts.ClassifyIntent) ? ModelReply.Say("{\"intent\": \"track_order\"}") : ModelReply.Say("model answer"));
        var routed = Guest();
        await routed.SayAsync(OddQuestion);
        Assert.DoesNotContain(routed.Turns[^1].Replies, r => r.HandledBy == "llm");
        await using (var before = App.NewDb())
        {
            Assert.Equal("track_order", (await before.Conversations.SingleAsync(c => c.Id == routed.StoredConversationId)).Topic);
        }

        model.Reset(r => r.Is(LlmPrompts.ClassifyIntent) ? ModelReply.Say("{\"intent\": \"book_a_flight\"}") : ModelReply.Say("model answer"));
        var ignored = Guest();
        await ignored.SayAsync(OddQuestion);
        Assert.False(ignored.Escalated);
        Assert.Equal("model answer", ignored.LastReply);
        await using var db = App.NewDb();
        Assert.Equal(LlmOutcome.Declined, (await db.LlmCalls.SingleAsync(c => c.ConversationId == ignored.StoredConversationId && c.Purpose == LlmPurpose.Intent)).Outcome);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using CrmBot.Core.Engine;
using CrmBot.Core.Escalations;
using CrmBot.Core.Llm;
using CrmBot.Core.Orders;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Llm;

/// <summary>
/// The model's help for agents (hand-off brief, drafted replies) and the supervisor's figure of what it cost, with
/// answers streamed as server-sent events (<c>Llm:Streaming</c>) from <see cref="FakeModelServer"/>.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LanguageModelConsoleTests(CrmBotAppFixture trained, HandoffAppPerClass apps, FakeModelServer model)
    : IClassFixture<HandoffAppPerClass>, IClassFixture<FakeModelServer>
{
    private const string Priya = "priya.shah@brightwave.example";

    private const string Brief = """
        {"issue": "[CUSTOMER_NAME_1] wants a person about a broken hinge on new headphones",
         "tried": "The bot offered the returns article.",
         "mood": "frustrated, the second faulty pair",
         "open_questions": ["Which order is it?", "Replacement or refund?"]}
        """;

    private HandoffApp App => apps.Get(trained, settings: LanguageModelTurnTests.Settings(model.BaseUrl, streaming: true));

    private async Task<(Escalation Escalation, ChatSession Chat)> EscalatedAliceAsync()
    {
        var chat = await ChatSession.AsCustomerAsync(App.Services.GetRequiredService<ConversationEngine>(), LanguageModelTurnTests.Alice);
        await chat.SayAsync("my new headphones arrived with a broken hinge, this is the second pair!");
        await chat.SayAsync("can I talk to a real person please");
        Assert.True(chat.Escalated, chat.LastReply);
        await using var db = App.NewDb();
        return (await db.Escalations.AsNoTracking().SingleAsync(e => e.ConversationId == chat.StoredConversationId), chat);
    }

    [Fact]
    public async Task Agent_opening_an_escalation_gets_the_models_brief_and_drafted_replies_once()
    {
        model.Reset(r => r.Is(LlmPrompts.HandoffSummary) ? ModelReply.Say(Brief)
            : r.Is(LlmPrompts.ReplySuggestions) ? ModelReply.Say("""{"replies": ["Sorry to hear that, [CUSTOMER_NAME_1]. Which order was it?", "I can send a replacement today.", "Would you prefer a refund?"]}""")
            : ModelReply.Say("""{"intent": "none"}"""));
        var (escalation, _) = await EscalatedAliceAsync();
        using var priya = await StaffBrowser.AgentAsync(App, Priya);

        var assist = await priya.GetJsonAsync($"/api/agent/escalations/{escalation.Id}/assist");

        var summary = assist["summary"]!;
        Assert.Equal("Alice Morgan wants a person about a broken hinge on new headphones", (string)summary["issue"]!);
        Assert.Equal("frustrated, the second faulty pair", (string)summary["mood"]!);
        Assert.Equal(["Which order is it?", "Replacement or refund?"], summary["openQuestions"]!.AsArray().Select(q => (string)q!));
        var replies = assist["replies"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Equal(3, replies.Count);
        Assert.Equal("Sorry to hear that, Alice Morgan. Which order was it?", replies[0]);
        var asked = model.Requests.Where(r => r.Is(LlmPrompts.HandoffSummary) || r.Is(LlmPrompts.ReplySuggestions)).ToList();
        Assert.Equal(2, asked.Count);
        Assert.All(asked, r => Assert.True(r.Streams));
        Assert.All(asked, r => Assert.DoesNotContain("Morgan", r.Body));
        Assert.Contains("broken hinge", asked[0].Body);

        var again = await priya.GetJsonAsync($"/api/agent/escalations/{escalation.Id}/assist");
        Assert.Equal(2, model.Requests.Count(r => r.Is(LlmPrompts.HandoffSummary) || r.Is(LlmPrompts.ReplySuggestions)));
        Assert.Equal(assist.ToJsonString(), again.ToJsonString());
        await using var db = App.NewDb();
        var calls = await db.LlmCalls.Where(c => c.ConversationId == escalation.ConversationId && c.InteractionId == null).ToListAsync();
        Assert.Equal([LlmPurpose.Summary, LlmPurpose.Suggestions], calls.OrderBy(c => c.Id).Select(c => c.Purpose));
        Assert.All(calls, c => Assert.Equal(LlmOutcome.Used, c.Outcome));
        Assert.All(calls, c => Assert.Equal(150, c.PromptTokens + c.CompletionTokens));
    }

    [Fact]
    public async Task Broken_brief_leaves_the_console_as_it_was_without_a_model()
    {
        model.Reset(r => r.Is(LlmPrompts.HandoffSummary) ? ModelReply.Say("Customer is upset about headphones.")
            : r.Is(LlmPrompts.ReplySuggestions) ? ModelReply.Say("""{"answers": "none"}""")
            : ModelReply.Say("""{"intent": "none"}"""));
        var (escalation, _) = await EscalatedAliceAsync();
        using var priya = await StaffBrowser.AgentAsync(App, Priya);

        var assist = await priya.GetJsonAsync($"/api/agent/escalations/{escalation.Id}/assist");
        var detail = await priya.EscalationAsync(escalation.Id);

        Assert.Null(assist["summary"]);
        Assert.Empty(assist["replies"]!.AsArray());
        Assert.NotNull(detail["suggestions"]);
        await using var db = App.NewDb();
        Assert.All(await db.LlmCalls.Where(c => c.ConversationId == escalation.ConversationId && c.InteractionId == null).ToListAsync(),
            c => Assert.Equal(LlmOutcome.Malformed, c.Outcome));
    }

    [Fact]
    public async Task Streamed_answer_reads_the_order_through_a_streamed_tool_call()
    {
        await using var db = App.NewDb();
        var order = await db.Orders.AsNoTracking().Where(o => o.Customer!.Email == LanguageModelTurnTests.Alice).OrderBy(o => o.PlacedAt).FirstAsync();
        model.Reset(r => !r.Is(LlmPrompts.GroundedAnswer) ? ModelReply.Say("""{"intent": "none"}""")
            : r.ToolResults.Count == 0 ? ModelReply.Call("orders-get_order", new { order_number = "[ORDER_NUMBER_1]" })
            : ModelReply.Say("Order [ORDER_NUMBER_1] status: " + JsonNode.Parse(r.ToolResults[0])!["status"]));
        var chat = await ChatSession.AsCustomerAsync(App.Services.GetRequiredService<ConversationEngine>(), LanguageModelTurnTests.Alice);

        await chat.SayAsync($"{LanguageModelTurnTests.OddQuestion} It is order {order.Number}.");

        Assert.Equal($"Order {order.Number} status: {order.Status.ToString().ToLowerInvariant()}", chat.LastReply);
        Assert.All(model.Requests, r => Assert.True(r.Streams));
        var call = await db.LlmCalls.SingleAsync(c => c.ConversationId == chat.StoredConversationId && c.Purpose == LlmPurpose.Answer);
        Assert.Equal(LlmOutcome.Used, call.Outcome);
        Assert.Equal(1, call.ToolCalls);
        Assert.True(call.PromptTokens >= 120, $"{call.PromptTokens} prompt tokens");
    }

    [Fact]
    public async Task Supervisor_sees_model_exchanges_tokens_and_latency_per_purpose_as_json_and_csv()
    {
        model.Reset(r => r.Is(LlmPrompts.GroundedAnswer) ? ModelReply.Say("An answer.") : ModelReply.Say("""{"intent": "none"}"""));
        var chat = new ChatSession(App.Services.GetRequiredService<ConversationEngine>());
        await chat.SayAsync(LanguageModelTurnTests.OddQuestion);
        using var supervisor = await StaffBrowser.SignInAsync(App, StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);

        var figure = await supervisor.GetJsonAsync("/api/supervisor/analytics/language-model");
        using var csv = await supervisor.Client.GetAsync("/api/supervisor/analytics/language-model?format=csv");

        await using var db = App.NewDb();
        var stored = await db.LlmCalls.AsNoTracking().ToListAsync();
        Assert.Equal(stored.Count, (int)figure["exchanges"]!);
        Assert.Equal(stored.Count(c => c.Outcome == LlmOutcome.Used), (int)figure["used"]!);
        Assert.Equal(stored.Sum(c => c.PromptTokens), (int)figure["promptTokens"]!);
        var answers = figure["purposes"]!.AsArray().Single(p => (string)p!["purpose"]! == "Answer")!;
        Assert.Equal(stored.Count(c => c.Purpose == LlmPurpose.Answer), (int)answers["exchanges"]!);
        Assert.True(stored.Where(c => c.Purpose == LlmPurpose.Answer).Max(c => c.LatencyMs) >= (int)answers["p95LatencyMs"]!);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("purpose,exchanges,used,fell_back,used_rate,prompt_tokens,completion_tokens,tool_calls,mean_latency_ms,p95_latency_ms", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Answer,", StringComparison.Ordinal));
    }
}

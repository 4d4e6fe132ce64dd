using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CrmBot.Tests.Handoff.WebChatCustomer;

namespace CrmBot.Tests.Handoff;

/// <summary>
/// A hand-off from the customer's Web Chat (Direct Line) to an agent's console API and back, asserting what each side
/// is shown and what the store keeps. Only Priya ever goes Available here, and only the general queue is hers among
/// the queues these tests use, so the router never hands her another test's escalation.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HandoffLifecycleTests(CrmBotAppFixture trained, HandoffAppPerClass apps) : IClassFixture<HandoffAppPerClass>
{
    private const string Priya = "priya.shah@brightwave.example";
    private const string Tom = "tom.walker@brightwave.example";
    private const string Sophie = "sophie.turner@brightwave.example";
    private const string Daniel = "daniel.okafor@brightwave.example";
    private const string James = "james.reid@brightwave.example";

    private HandoffApp App => apps.Get(trained);

    [Fact]
    public async Task Customer_who_asks_for_a_person_is_served_by_an_agent_and_rates_the_help()
    {
        var app = App;
        var customer = await StartAsync(app);

        var ask = await customer.SayAsync("can I talk to a real person please");
        var queued = await customer.ReplyToAsync(ask);
        var escalation = await app.EscalationOfAsync(customer);
        Assert.Equal(EscalationStatus.Pending, escalation.Status);
        Assert.Equal(EscalationReason.CustomerRequest, escalation.Reason);
        Assert.Equal("general", escalation.Queue);
        Assert.Equal(2, escalation.Priority);
        Assert.Contains(escalation.Reference, Text(queued));
        Assert.Contains("You're next in the queue", Text(queued));

        const string whileWaiting = "my new headphones arrived with a broken hinge";
        var waitingReply = await customer.ReplyToAsync(await customer.SayAsync(whileWaiting));
        Assert.Contains(escalation.Reference, Text(waitingReply));

        using var priya = await StaffBrowser.AgentAsync(app, Priya);
        var waited = await priya.WaitForTranscriptAsync(escalation.Id, m => (string?)m["text"] == whileWaiting, "the message sent while waiting");
        Assert.Equal("Customer", (string)waited["author"]!);
        Assert.Equal("Alice Morgan", (string)waited["authorName"]!);

        await priya.SetPresenceAsync("Available");
        var mine = Assert.Single((await priya.QueueAsync())["mine"]!.AsArray());
        Assert.Equal(escalation.Id, (int)mine!["id"]!);
        Assert.Equal("Assigned", (string)mine["status"]!);
        var assigned = await app.EscalationOfAsync(customer);
        Assert.Equal(EscalationStatus.Assigned, assigned.Status);
        Assert.Equal(priya.AgentId, assigned.AgentId);

        var accepted = await priya.AcceptAsync(escalation.Id);
        Assert.Equal("Active", (string)accepted["status"]!);
        var joined = await customer.WaitForAsync(a => Text(a).Contains("has joined"), "the agent's join notice");
        Assert.True(IsFromBot(joined), $"The join notice should come from the bot, came from {FromId(joined)}");
        Assert.StartsWith("Priya Shah ", Text(joined));

        const string agentText = "Hi Alice, I'm sorry about the hinge. I'll send you a replacement pair today.";
        using (var sent = await priya.PostAsync($"/api/agent/escalations/{escalation.Id}/messages", new { text = agentText }))
        {
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        }
        var fromAgent = await customer.WaitForAsync(a => Text(a) == agentText, "the agent's message");
        Assert.Equal($"agent:{priya.AgentId}", FromId(fromAgent));
        Assert.Equal("Priya Shah", FromName(fromAgent));

        const string thanks = "thank you so much, that would be great";
        var thanksId = await customer.SayAsync(thanks);
        var relayed = await priya.WaitForTranscriptAsync(escalation.Id, m => (string?)m["text"] == thanks && m["intent"] is not null, "the customer's message, understood");
        Assert.Equal("Customer", (string)relayed["author"]!);
        Assert.NotNull(relayed["sentimentScore"]);
        Assert.NotNull(relayed["sentimentLabel"]);

        using (var typing = await priya.PostAsync($"/api/agent/escalations/{escalation.Id}/typing"))
        {
            Assert.Equal(HttpStatusCode.NoContent, typing.StatusCode);
        }
        using (var unknown = await priya.PostAsync($"/api/agent/escalations/{escalation.Id}/resolve", new { disposition = "sorted-it", note = "x" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("solved", (string)(await unknown.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
        }
        using (var resolve = await priya.PostAsync($"/api/agent/escalations/{escalation.Id}/resolve", new { disposition = "solved", note = "Replacement headphones sent" }))
        {
            Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
            Assert.Equal("Resolved", (string)(await resolve.Content.ReadFromJsonAsync<JsonObject>())!["status"]!);
        }
        await customer.WaitForAsync(a => IsFromBot(a) && Text(a) == "Priya Shah has left the chat.", "the agent's leave notice");
        var survey = await customer.WaitForAsync(a => IsFromBot(a) && a["suggestedActions"] is not null && Text(a).Contains("rate"), "the rating question");
        Assert.Equal(["1", "2", "3", "4", "5"], survey["suggestedActions"]!["actions"]!.AsArray().Select(action => (string)action!["value"]!));

        var thanked = await customer.ReplyToAsync(await customer.SayAsync("4"));
        Assert.Contains("4/5", Text(thanked));

        await using var db = app.NewDb();
        var relayedRow = await db.Interactions.SingleAsync(i => i.ChannelActivityId == thanksId);
        Assert.False(await db.Interactions.AnyAsync(i => i.ReplyToId == relayedRow.Id), "The bot answered a message meant for the agent.");
        Assert.DoesNotContain(customer.Received, a => (string?)a["replyToId"] == thanksId);
        var agentRow = await db.Interactions.SingleAsync(i => i.ConversationId == relayedRow.ConversationId && i.Author == InteractionAuthor.Agent);
        Assert.Equal(agentText, agentRow.Text);
        Assert.Equal(priya.AgentId, agentRow.AgentId);

        var closed = await app.EscalationOfAsync(customer);
        Assert.Equal(EscalationStatus.Resolved, closed.Status);
        Assert.Equal("solved", closed.Disposition);
        Assert.Equal("Replacement headphones sent", closed.Note);
        Assert.Equal(4, closed.Csat);
        Assert.Equal(
            [EscalationEventKind.Created, EscalationEventKind.Assigned, EscalationEventKind.Accepted, EscalationEventKind.Resolved, EscalationEventKind.Rated],
            closed.Events.Select(e => e.Kind));
        Assert.Equal(closed.Events.Select(e => e.At).Order(), closed.Events.Select(e => e.At));
        Assert.Equal("4", closed.Events[^1].Detail);
        Assert.True(closed.AcceptedAt >= closed.CreatedAt);
        Assert.True(closed.ResolvedAt >= closed.AcceptedAt, "handle time (resolved - accepted) must not be negative");
    }

    [Fact]
    public async Task Second_agent_cannot_accept_an_escalation_another_agent_is_handling()
    {
        var (_, escalation) = await EscalatedAboutBillingAsync();
        using var james = await StaffBrowser.AgentAsync(App, James);
        using var daniel = await StaffBrowser.AgentAsync(App, Daniel);
        await james.AcceptAsync(escalation.Id);

        using var response = await daniel.PostAsync($"/api/agent/escalations/{escalation.Id}/accept");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(409, (int)problem["status"]!);
        Assert.Contains(escalation.Reference, (string)problem["detail"]!);
        using var peek = await daniel.Client.GetAsync($"/api/agent/escalations/{escalation.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, peek.StatusCode);
        await using var db = App.NewDb();
        var stored = await db.Escalations.SingleAsync(e => e.Id == escalation.Id);
        Assert.Equal(EscalationStatus.Active, stored.Status);
        Assert.Equal(james.AgentId, stored.AgentId);
    }

    [Fact]
    public async Task Two_agents_accepting_the_same_escalation_at_once_one_gets_it_and_the_other_is_told_it_was_taken()
    {
        // On PostgreSQL no write gate orders the two: the escalation's Status (a concurrency token) must.
        for (var round = 0; round < 5; round++)
        {
            var (_, escalation) = await EscalatedAboutBillingAsync();
            using var james = await StaffBrowser.AgentAsync(App, James);
            using var daniel = await StaffBrowser.AgentAsync(App, Daniel);

            var responses = await Task.WhenAll(
                james.PostAsync($"/api/agent/escalations/{escalation.Id}/accept"),
                daniel.PostAsync($"/api/agent/escalations/{escalation.Id}/accept"));

            try
            {
                Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
                var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
                var problem = (await loser.Content.ReadFromJsonAsync<JsonObject>())!;
                Assert.Matches($"{escalation.Reference} has been taken by another agent|taken by another agent a moment ago", (string)problem["detail"]!);
                var winner = responses[0].StatusCode == HttpStatusCode.OK ? james : daniel;
                await using var db = App.NewDb();
                var stored = await db.Escalations.Include(e => e.Events).SingleAsync(e => e.Id == escalation.Id);
                Assert.Equal(EscalationStatus.Active, stored.Status);
                Assert.Equal(winner.AgentId, stored.AgentId);
                Assert.Single(stored.Events, e => e.Kind == EscalationEventKind.Accepted);
                // Free both for the next round: the winner hands the conversation back.
                using var handBack = await winner.PostAsync($"/api/agent/escalations/{escalation.Id}/resolve", new { disposition = "solved" });
                Assert.True(handBack.IsSuccessStatusCode, App.Errors);
            }
            finally
            {
                foreach (var response in responses) response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Handed_back_conversation_is_answered_by_the_bot_again_without_a_rating_request()
    {
        var (customer, escalation) = await EscalatedAboutBillingAsync();
        using var daniel = await StaffBrowser.AgentAsync(App, Daniel);
        await daniel.AcceptAsync(escalation.Id);

        using (var handBack = await daniel.PostAsync($"/api/agent/escalations/{escalation.Id}/handback", new { note = "Only needed the invoice copy" }))
        {
            Assert.Equal(HttpStatusCode.OK, handBack.StatusCode);
        }
        await customer.WaitForAsync(a => IsFromBot(a) && Text(a).Contains("handed you back to the assistant"), "the hand-back notice");
        var question = await customer.SayAsync("what payment methods do you accept?");
        var answer = await customer.ReplyToAsync(question);

        Assert.Contains("PayPal", Text(answer));
        Assert.DoesNotContain(customer.Received, a => a["suggestedActions"]?["actions"]?.AsArray().Any(x => (string?)x!["value"] == "5") == true);
        var closed = await App.EscalationOfAsync(customer);
        Assert.Equal("handed-back", closed.Disposition);
        Assert.Null(closed.Csat);
        Assert.Equal(EscalationEventKind.HandedBack, closed.Events[^1].Kind);
        await using var db = App.NewDb();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == closed.ConversationId);
        Assert.Equal(ConversationOwner.Bot, conversation.Owner);
        Assert.Null(conversation.CsatEscalationId);
    }

    [Fact]
    public async Task Agent_without_the_queue_skill_cannot_accept_an_escalation_waiting_there()
    {
        var (_, escalation) = await EscalatedAboutBillingAsync();
        using var sophie = await StaffBrowser.AgentAsync(App, Sophie);

        using var response = await sophie.PostAsync($"/api/agent/escalations/{escalation.Id}/accept");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("billing", (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
        await using var db = App.NewDb();
        Assert.Equal(EscalationStatus.Pending, (await db.Escalations.SingleAsync(e => e.Id == escalation.Id)).Status);
    }

    [Fact]
    public async Task Agent_at_capacity_cannot_accept_a_fourth_conversation()
    {
        using var tom = await StaffBrowser.AgentAsync(App, Tom);
        Assert.Equal(3, (int)(await tom.MeAsync())["capacity"]!);
        for (int i = 0; i < 3; i++)
        {
            var (_, taken) = await EscalatedAboutBillingAsync();
            await tom.AcceptAsync(taken.Id);
        }
        var (_, fourth) = await EscalatedAboutBillingAsync();

        using var response = await tom.PostAsync($"/api/agent/escalations/{fourth.Id}/accept");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("capacity", (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
        Assert.Equal(3, (await tom.QueueAsync())["mine"]!.AsArray().Count(e => (string?)e!["status"] == "Active"));
        await using var db = App.NewDb();
        Assert.Equal(EscalationStatus.Pending, (await db.Escalations.SingleAsync(e => e.Id == fourth.Id)).Status);
    }

    [Fact]
    public async Task Conversation_an_agent_has_not_joined_cannot_be_resolved_or_handed_back_by_them()
    {
        var (_, escalation) = await EscalatedAboutBillingAsync();
        using var daniel = await StaffBrowser.AgentAsync(App, Daniel);

        using var resolve = await daniel.PostAsync($"/api/agent/escalations/{escalation.Id}/resolve", new { disposition = "solved" });
        using var handBack = await daniel.PostAsync($"/api/agent/escalations/{escalation.Id}/handback", new { });

        Assert.Equal(HttpStatusCode.Conflict, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, handBack.StatusCode);
        await using var db = App.NewDb();
        var stored = await db.Escalations.SingleAsync(e => e.Id == escalation.Id);
        Assert.Contains(stored.Status, Escalation.OpenStatuses);
        Assert.Null(stored.Disposition);
    }

    /// <summary>A customer who asks about an invoice and then for a person: an escalation waiting in the billing queue.</summary>
    private async Task<(WebChatCustomer Customer, Escalation Escalation)> EscalatedAboutBillingAsync()
    {
        var customer = await StartAsync(App);
        await customer.ReplyToAsync(await customer.SayAsync("I need a copy of my invoice"));
        await customer.ReplyToAsync(await customer.SayAsync("can I talk to a real person please"));
        var escalation = await App.EscalationOfAsync(customer);
        Assert.Equal("billing", escalation.Queue);
        return (customer, escalation);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Tests.BotFramework;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Channels;

/// <summary>
/// Real Teams payloads posted to the app's /api/messages (development mode: no app id, so no token), with serviceUrl
/// pointing at a capture server standing in for the Bot Connector.
/// </summary>
[Collection(AppCollection.Name)]
public class TeamsChannelTests(CrmBotAppFixture app)
{
    private static async Task<IReadOnlyList<CapturedRequest>> WaitForCallsAsync(FakeChannel channel, int count)
    {
        for (int i = 0; i < 100 && channel.ConnectorCalls.Count < count; i++)
        {
            await Task.Delay(100);
        }
        return channel.ConnectorCalls;
    }

    /// <summary>A Teams personal-chat message in a conversation of its own, answered through <paramref name="channel"/>.</summary>
    internal static JsonObject TeamsMessage(FakeChannel channel, string text)
    {
        var activity = Samples.Activity("teams-message-personal.json", channel.ServiceUrl);
        activity["id"] = "teams-" + Guid.NewGuid().ToString("N");
        activity["conversation"]!["id"] = "a:1" + Guid.NewGuid().ToString("N");
        activity["text"] = text;
        return activity;
    }

    [Fact]
    public async Task Teams_message_is_answered_on_the_connector_reply_path_of_its_conversation()
    {
        await using var channel = await FakeChannel.StartAsync();
        var activity = TeamsMessage(channel, "what payment methods do you accept?");
        var conversationId = activity["conversation"]!["id"]!.GetValue<string>();
        var activityId = activity["id"]!.GetValue<string>();

        var response = await app.CreateClient().PostAsJsonAsync("/api/messages", activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await WaitForCallsAsync(channel, 1);
        var reply = Assert.Single(calls, c => c.Json["type"]?.GetValue<string>() == "message");
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", reply.Path);
        Assert.Equal(conversationId, reply.Json["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal(activityId, reply.Json["replyToId"]!.GetValue<string>());
        Assert.Equal(activity["from"]!["id"]!.GetValue<string>(), reply.Json["recipient"]!["id"]!.GetValue<string>());
        Assert.Contains("PayPal", reply.Json["text"]!.GetValue<string>());

        await using var db = app.NewDb();
        var stored = await db.Conversations.SingleAsync(c => c.Channel == "msteams" && c.ChannelConversationId == conversationId);
        Assert.Equal(2, await db.Interactions.CountAsync(i => i.ConversationId == stored.Id));
    }

    [Fact]
    public async Task Agent_replies_reach_a_teams_customer_through_the_connector_under_the_agents_name()
    {
        await using var channel = await FakeChannel.StartAsync();
        var activity = TeamsMessage(channel, "I want to talk to a person");
        var conversationId = activity["conversation"]!["id"]!.GetValue<string>();
        await app.CreateClient().PostAsJsonAsync("/api/messages", activity);
        await WaitForCallsAsync(channel, 1);

        // Given an agent the escalation was assigned to (set here so the test does not depend on who else is available).
        await using var db = app.NewDb();
        var agent = new Agent { DisplayName = "Rowan Teams", Email = $"rowan.{Guid.NewGuid():N}@brightwave.example", Capacity = 3 };
        db.Agents.Add(agent);
        await db.SaveChangesAsync();
        var escalation = await db.Escalations.SingleAsync(e => e.Conversation!.ChannelConversationId == conversationId);
        escalation.Assign(agent.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();

        var handoff = app.Services.GetRequiredService<HandoffService>();
        Assert.Equal(HandoffOutcome.Ok, (await handoff.AcceptAsync(db, agent, escalation.Id, default)).Outcome);
        var sent = await handoff.SendAsync(db, agent, escalation.Id, "Hello, I'm looking at your order now.", default);

        Assert.True(sent.Value!.Delivered);
        var calls = await WaitForCallsAsync(channel, 3);
        var proactive = calls.Where(c => c.Path == $"/amer/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities").ToList();
        Assert.Contains(proactive, c => c.Json["text"]?.GetValue<string>().StartsWith("Rowan Teams from our general team has joined the chat", StringComparison.Ordinal) == true);
        var reply = Assert.Single(proactive, c => c.Json["text"]?.GetValue<string>() == "Rowan Teams: Hello, I'm looking at your order now.");
        Assert.Equal(activity["recipient"]!["id"]!.GetValue<string>(), reply.Json["from"]!["id"]!.GetValue<string>());

        // What the customer writes now is the agent's to answer: stored, and no bot reply.
        int before = Messages(channel);
        var response = await app.CreateClient().PostAsJsonAsync("/api/messages", TeamsMessageIn(channel, conversationId, "thanks, it's BW-482913"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var check = app.NewDb();
        var stored = await check.Interactions.Where(i => i.ConversationId == escalation.ConversationId).OrderBy(i => i.Id).ToListAsync();
        Assert.Equal(InteractionAuthor.Customer, stored[^1].Author);
        Assert.Equal("agent", stored[^1].HandledBy);
        Assert.Equal(before, Messages(channel));
    }

    /// <summary>Message activities the bot has sent to the fake Connector so far.</summary>
    internal static int Messages(FakeChannel channel) => channel.ConnectorCalls.Count(c => c.Json["type"]?.GetValue<string>() == "message");

    private static JsonObject TeamsMessageIn(FakeChannel channel, string conversationId, string text)
    {
        var activity = TeamsMessage(channel, text);
        activity["conversation"]!["id"] = conversationId;
        return activity;
    }

    [Fact]
    public async Task Redelivered_teams_message_is_not_processed_twice()
    {
        await using var channel = await FakeChannel.StartAsync();
        var activity = TeamsMessage(channel, "how long does delivery take?");
        var client = app.CreateClient();

        await client.PostAsJsonAsync("/api/messages", activity);
        await client.PostAsJsonAsync("/api/messages", activity);

        await using var db = app.NewDb();
        var conversationId = activity["conversation"]!["id"]!.GetValue<string>();
        var stored = await db.Conversations.SingleAsync(c => c.ChannelConversationId == conversationId);
        Assert.Equal(1, await db.Interactions.CountAsync(i => i.ConversationId == stored.Id && i.Direction == InteractionDirection.Inbound));
    }

    [Fact]
    public async Task Personal_install_in_teams_gets_a_welcome()
    {
        await using var channel = await FakeChannel.StartAsync();
        var activity = Samples.Activity("teams-conversationUpdate-personal-install.json", channel.ServiceUrl);
        activity["conversation"]!["id"] = "a:1" + Guid.NewGuid().ToString("N");

        var response = await app.CreateClient().PostAsJsonAsync("/api/messages", activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await WaitForCallsAsync(channel, 1);
        Assert.Contains(calls, c => c.Json["text"]?.GetValue<string>().Contains("assistant", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Malformed_activity_gets_400_with_a_reason()
    {
        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent("{ \"type\": \"message\", ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
    }
}

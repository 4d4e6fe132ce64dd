using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Conversations;
using CrmBot.Tests.BotFramework;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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

    private static JsonObject TeamsMessage(FakeChannel channel, string text)
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

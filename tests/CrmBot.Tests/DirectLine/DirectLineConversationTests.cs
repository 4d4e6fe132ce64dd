using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CrmBot.Tests.DirectLine;

/// <summary>The polling path of Direct Line 3.0 as DirectLineJS and Web Chat use it (digest §4.6), against a real store.</summary>
public sealed class DirectLineConversationTests : IAsyncLifetime
{
    private DirectLineTestServer server = null!;

    public async Task InitializeAsync() => server = await DirectLineTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Posted_message_comes_back_as_the_users_echo_and_the_bots_reply_with_increasing_watermarks()
    {
        var conversation = await server.StartConversationAsync("dl_alice");
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;
        Assert.StartsWith("ws://", (string)conversation["streamUrl"]!);
        Assert.Equal(1800, (int)conversation["expires_in"]!);
        var before = await server.GetActivitiesAsync(token, id);

        var postedId = await server.PostMessageAsync(token, id, "hello", clientActivityId: "client-1");

        Assert.Matches($"^{id}\\|\\d{{7}}$", postedId);
        var activities = await server.PollUntilAsync(token, id, received => received.Count >= 2);
        Assert.Equal(2, activities.Count);
        var echo = activities[0];
        Assert.Equal(postedId, (string)echo["id"]!);
        Assert.Equal("hello", (string)echo["text"]!);
        Assert.Equal("client-1", (string)echo["channelData"]!["clientActivityID"]!);
        Assert.Equal("dl_alice", (string)echo["from"]!["id"]!);
        Assert.Equal("user", (string)echo["from"]!["role"]!);
        Assert.Equal("directline", (string)echo["channelId"]!);
        Assert.Equal(id, (string)echo["conversation"]!["id"]!);
        Assert.False(string.IsNullOrEmpty((string?)echo["timestamp"]));
        Assert.StartsWith(server.BaseAddress.ToString().TrimEnd('/'), (string)echo["serviceUrl"]!);
        var reply = activities[1];
        Assert.Equal("echo: hello", (string)reply["text"]!);
        Assert.Equal("bot", (string)reply["from"]!["role"]!);
        Assert.Equal(postedId, (string)reply["replyToId"]!);
        Assert.True(string.CompareOrdinal((string)reply["id"]!, postedId) > 0);

        var after = await server.GetActivitiesAsync(token, id);
        Assert.True(long.Parse((string)after["watermark"]!) > long.Parse((string)before["watermark"]!));
    }

    [Fact]
    public async Task Polling_with_the_last_watermark_returns_nothing_new()
    {
        var conversation = await server.StartConversationAsync();
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;
        await server.PostMessageAsync(token, id, "hello");
        await server.PollUntilAsync(token, id, received => received.Count >= 2);
        var everything = await server.GetActivitiesAsync(token, id);
        var watermark = (string)everything["watermark"]!;

        var again = await server.GetActivitiesAsync(token, id, watermark);

        Assert.Empty(again["activities"]!.AsArray());
        Assert.Equal(watermark, (string)again["watermark"]!);
    }

    [Fact]
    public async Task Token_user_is_announced_to_the_bot_but_the_conversation_update_is_not_shown_to_the_client()
    {
        var conversation = await server.StartConversationAsync("dl_bob");
        var id = (string)conversation["conversationId"]!;

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!server.BotTurns.Any(t => t.Type == "conversationUpdate") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var update = Assert.Single(server.BotTurns, t => t.Type == "conversationUpdate");
        Assert.Equal(["dl_bob", "bot"], update.MembersAdded!.Select(m => m.Id));
        Assert.Equal(id, update.Conversation!.Id);
        var set = await server.GetActivitiesAsync((string)conversation["token"]!, id);
        Assert.Empty(set["activities"]!.AsArray());
    }

    [Fact]
    public async Task Starting_with_a_token_twice_answers_created_then_ok_for_the_same_conversation()
    {
        var token = (string)(await server.GenerateTokenAsync())["token"]!;

        using var first = await server.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        using var second = await server.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        var b = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((string)a["conversationId"]!, (string)b["conversationId"]!);
    }

    [Fact]
    public async Task Refreshed_token_works_for_the_same_conversation()
    {
        var conversation = await server.StartConversationAsync();
        var id = (string)conversation["conversationId"]!;

        using var response = await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", (string)conversation["token"]!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refreshed = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(id, (string)refreshed["conversationId"]!);
        Assert.Equal(1800, (int)refreshed["expires_in"]!);
        var token = (string)refreshed["token"]!;
        Assert.NotEqual((string)conversation["token"]!, token);
        await server.PostMessageAsync(token, id, "still me");
        var activities = await server.PollUntilAsync(token, id, received => received.Count >= 2);
        Assert.Equal("dl_alice", (string)activities[0]["from"]!["id"]!);
    }

    [Fact]
    public async Task Failing_bot_turn_keeps_the_users_activity_and_the_next_turn_still_runs()
    {
        var conversation = await server.StartConversationAsync();
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;

        var failedId = await server.PostMessageAsync(token, id, EchoBot.FailingText);
        await server.PostMessageAsync(token, id, "are you there?");

        var activities = await server.PollUntilAsync(token, id, received => received.Any(a => (string?)a["text"] == "echo: are you there?"));
        Assert.Equal(failedId, (string)activities[0]["id"]!);
        Assert.DoesNotContain(activities, a => (string?)a["replyToId"] == failedId);
    }

    [Fact]
    public async Task Concurrent_posts_get_distinct_ids_and_the_log_has_no_gaps()
    {
        var conversation = await server.StartConversationAsync();
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;

        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => server.PostMessageAsync(token, id, $"message {i}")));

        Assert.Equal(12, ids.Distinct().Count());
        var activities = await server.PollUntilAsync(token, id, received => received.Count(a => (string?)a["from"]!["role"] == "bot") >= 12);
        Assert.Equal(24, activities.Count);
        // Sequence 1 is the conversationUpdate announcing the user, which clients never see.
        var sequences = activities.Select(a => long.Parse(((string)a["id"]!).Split('|')[1])).Order();
        Assert.Equal(Enumerable.Range(2, 24).Select(s => (long)s), sequences);
    }

    [Fact]
    public async Task Secret_holder_may_start_a_conversation_and_speak_as_any_user()
    {
        using var start = await server.SendAsync(HttpMethod.Post, "/v3/directline/conversations", DirectLineTestServer.Secret, """{"user":{"id":"agent-console"}}""");
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var id = (string)(await start.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!;

        await server.PostMessageAsync(DirectLineTestServer.Secret, id, "hello from the back end");

        var activities = await server.PollUntilAsync(DirectLineTestServer.Secret, id, received => received.Count >= 2);
        Assert.Equal("someone-else", (string)activities[0]["from"]!["id"]!);
    }
}

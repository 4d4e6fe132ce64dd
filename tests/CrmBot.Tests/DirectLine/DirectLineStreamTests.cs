using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmBot.Tests.DirectLine;

/// <summary>The WebSocket stream (digest §4.5) with a real client socket against real Kestrel.</summary>
public sealed class DirectLineStreamTests : IAsyncLifetime
{
    private DirectLineTestServer server = null!;

    public async Task InitializeAsync() => server = await DirectLineTestServer.StartAsync(
        settings: new Dictionary<string, string?> { ["DirectLine:StreamKeepAliveInterval"] = "00:00:01" });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Stream_delivers_the_users_echo_and_the_bots_reply()
    {
        var conversation = await server.StartConversationAsync();
        var id = (string)conversation["conversationId"]!;
        using var socket = await ConnectAsync((string)conversation["streamUrl"]!);

        var postedId = await server.PostMessageAsync((string)conversation["token"]!, id, "over the socket");

        var frames = await ReceiveUntilAsync(socket, received => received.Any(a => (string?)a["text"] == "echo: over the socket"));
        var activities = frames.SelectMany(f => f["activities"]!.AsArray().Select(a => a!.AsObject())).ToList();
        Assert.Equal(postedId, (string)activities.First(a => (string?)a["type"] == "message")["id"]!);
        Assert.Contains(activities, a => (string?)a["type"] == "typing" && (string?)a["from"]!["role"] == "bot");
        // Clients de-duplicate by id, so every activity needs its own, typing included.
        Assert.Equal(activities.Count, activities.Select(a => (string?)a["id"]).Distinct().Count());
        Assert.All(activities, a => Assert.False(string.IsNullOrEmpty((string?)a["id"])));
        Assert.All(frames.Where(f => f["watermark"] is not null), f => Assert.True(long.Parse((string)f["watermark"]!) > 0));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Fact]
    public async Task Reconnecting_with_a_watermark_replays_only_what_came_after_it()
    {
        var conversation = await server.StartConversationAsync();
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;
        await server.PostMessageAsync(token, id, "first");
        await server.PollUntilAsync(token, id, received => received.Count >= 2);
        var watermark = (string)(await server.GetActivitiesAsync(token, id))["watermark"]!;
        await server.PostMessageAsync(token, id, "second");
        await server.PollUntilAsync(token, id, received => received.Count >= 2, watermark);

        using var reconnect = await server.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}?watermark={watermark}", token);
        var streamUrl = (string)(await reconnect.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!;
        Assert.Contains($"watermark={watermark}", streamUrl);
        using var socket = await ConnectAsync(streamUrl);

        var frames = await ReceiveUntilAsync(socket, received => received.Any(a => (string?)a["text"] == "echo: second"));
        var texts = frames.SelectMany(f => f["activities"]!.AsArray()).Select(a => (string?)a!["text"]).ToList();
        Assert.DoesNotContain("first", texts);
        Assert.DoesNotContain("echo: first", texts);
        Assert.Contains("second", texts);
    }

    [Fact]
    public async Task Quiet_stream_sends_empty_keep_alive_frames_only()
    {
        var conversation = await server.StartConversationAsync();
        using var socket = await ConnectAsync((string)conversation["streamUrl"]!);

        var message = await ReceiveTextAsync(socket, TimeSpan.FromSeconds(10));

        Assert.Equal(string.Empty, message);
    }

    [Fact]
    public async Task Stream_url_of_another_conversation_is_refused()
    {
        var mine = await server.StartConversationAsync();
        var theirs = await server.StartConversationAsync();
        var url = ((string)mine["streamUrl"]!).Replace((string)mine["conversationId"]!, (string)theirs["conversationId"]!);

        using var socket = new ClientWebSocket();
        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));

        Assert.Contains("403", error.Message);
    }

    private static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        return socket;
    }

    /// <summary>Collects ActivitySet frames, ignoring keep-alives; every non-empty frame must be an ActivitySet (§4.5).</summary>
    private static async Task<List<JsonObject>> ReceiveUntilAsync(ClientWebSocket socket, Func<List<JsonObject>, bool> done)
    {
        var frames = new List<JsonObject>();
        var activities = new List<JsonObject>();
        while (!done(activities))
        {
            var text = await ReceiveTextAsync(socket, TimeSpan.FromSeconds(15));
            if (text.Length == 0)
            {
                continue;
            }
            var frame = JsonNode.Parse(text)!.AsObject();
            Assert.IsType<JsonArray>(frame["activities"]);
            frames.Add(frame);
            activities.AddRange(frame["activities"]!.AsArray().Select(a => a!.AsObject()));
        }
        return frames;
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancel.Token);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// A Web Chat customer on a real server process, signed in with the demo sign-in: posts over Direct Line REST and
/// hears everything on the conversation's WebSocket stream, as Web Chat does. Thread-safe: activities are kept under a lock.
/// </summary>
public sealed class StreamingCustomer : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly ClientWebSocket socket = new();
    private readonly List<JsonObject> received = [];
    private readonly CancellationTokenSource closing = new();
    private Task listening = Task.CompletedTask;
    private string token = "";
    private string userId = "";

    private StreamingCustomer(string baseUrl) => http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(20) };

    public string ConversationId { get; private set; } = "";

    public static async Task<StreamingCustomer> StartAsync(string baseUrl, string email, CancellationToken ct)
    {
        var customer = new StreamingCustomer(baseUrl);
        using var sessionResponse = await customer.http.PostAsJsonAsync("/api/chat/session", new { customerEmail = email }, ct);
        Assert.Equal(HttpStatusCode.OK, sessionResponse.StatusCode);
        var session = (await sessionResponse.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        customer.token = (string)session["token"]!;
        customer.userId = (string)session["userId"]!;
        using var start = customer.Request(HttpMethod.Post, "/v3/directline/conversations");
        start.Content = JsonContent.Create(new { user = new { } });
        using var started = await customer.http.SendAsync(start, ct);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var conversation = (await started.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        customer.ConversationId = (string)conversation["conversationId"]!;
        await customer.socket.ConnectAsync(new Uri((string)conversation["streamUrl"]!), ct);
        customer.listening = customer.ListenAsync();
        return customer;
    }

    public async Task<string> SayAsync(string text, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities");
        request.Content = JsonContent.Create(new { type = "message", from = new { id = userId, name = "Alice" }, text, channelData = new { clientActivityID = Guid.NewGuid().ToString("N") } });
        using var response = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!;
    }

    /// <summary>Waits until the stream has shown a bot message that matches.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            lock (received)
            {
                if (received.FirstOrDefault(a => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == "bot" && match(a)) is { } found)
                {
                    return found;
                }
            }
            await Task.Delay(50, ct);
        }
        throw new TimeoutException($"The customer's stream did not show {what} within 30 s. It showed:\n{string.Join("\n", Texts())}");
    }

    /// <summary>The texts of every message the stream has shown, each once per time it was shown.</summary>
    public List<string> Texts()
    {
        lock (received)
        {
            return received.Where(a => (string?)a["type"] == "message").Select(a => (string?)a["text"] ?? "").ToList();
        }
    }

    public static string Text(JsonObject activity) => (string?)activity["text"] ?? "";

    private async Task ListenAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var frame = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, closing.Token);
                    frame.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close || frame.Length == 0)
                {
                    continue;
                }
                var set = JsonNode.Parse(Encoding.UTF8.GetString(frame.ToArray()))!.AsObject();
                lock (received)
                {
                    received.AddRange(set["activities"]!.AsArray().Select(a => a!.AsObject()));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed by the test or by the server.
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        await listening;
        socket.Dispose();
        http.Dispose();
    }
}

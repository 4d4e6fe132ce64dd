using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;

namespace CrmBot.Benchmarks.Load;

/// <summary>
/// One customer's conversation as Web Chat holds it: a session token from <c>/api/chat/session</c>, the Direct Line
/// start call, the WebSocket stream (protocol digest §4.5) and posted activities. A reply is the first bot message whose
/// <c>replyToId</c> is the posted activity's id; it is timed when its frame arrives, which may be before the POST
/// has answered (the server answers the POST and runs the turn independently). With several instances of the service
/// the stream stays on the one the conversation started on while posts go to each instance in turn, as through a load
/// balancer without affinity. Not thread-safe: one turn at a time.
/// </summary>
internal sealed class DirectLineConversation : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly ClientWebSocket socket;
    private readonly IReadOnlyList<Uri> activitiesUrls;
    private int posts;
    private readonly string token;
    private readonly string userId;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> replies = new(StringComparer.Ordinal);
    private readonly Task receiving;
    private volatile bool closed;

    private DirectLineConversation(HttpClient http, TimeProvider time, ClientWebSocket socket, IReadOnlyList<Uri> activitiesUrls, string token, string userId)
    {
        this.http = http;
        this.time = time;
        this.socket = socket;
        this.activitiesUrls = activitiesUrls;
        this.token = token;
        this.userId = userId;
        receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>Starts the conversation on <paramref name="baseUrl"/>; its posts go round-robin to <paramref name="postBaseUrls"/> (default: that one).</summary>
    public static async Task<DirectLineConversation> StartAsync(HttpClient http, Uri baseUrl, TimeProvider time, CancellationToken cancellationToken, IReadOnlyList<Uri>? postBaseUrls = null)
    {
        using var sessionResponse = await http.PostAsJsonAsync(new Uri(baseUrl, "/api/chat/session"), new { customerEmail = (string?)null }, Json, cancellationToken);
        var session = await ReadAsync<ChatSession>(sessionResponse, "session", cancellationToken);

        using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "/v3/directline/conversations"));
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        using var startResponse = await http.SendAsync(start, cancellationToken);
        var conversation = await ReadAsync<StartedConversation>(startResponse, "start", cancellationToken);

        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(new Uri(conversation.StreamUrl), cancellationToken);
        }
        catch (WebSocketException ex)
        {
            socket.Dispose();
            throw new LoadFailure("stream: connect", ex.Message);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var path = $"/v3/directline/conversations/{Uri.EscapeDataString(conversation.ConversationId)}/activities";
        var activitiesUrls = (postBaseUrls ?? [baseUrl]).Select(b => new Uri(b, path)).ToList();
        return new DirectLineConversation(http, time, socket, activitiesUrls, conversation.Token, session.UserId);
    }

    /// <summary>Web Chat's welcome pattern (digest §4.9): the join event, answered by the bot's greeting.</summary>
    public Task<TimeSpan> JoinAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        ExchangeAsync(new { type = "event", name = "webchat/join", value = new { }, from = new { id = userId } }, timeout, cancellationToken);

    /// <summary>Posts a message and waits for the bot's first reply to it; returns the time from the POST's start to that reply.</summary>
    public Task<TimeSpan> SayAsync(string text, TimeSpan timeout, CancellationToken cancellationToken) =>
        ExchangeAsync(new { type = "message", text, locale = "en-GB", from = new { id = userId, name = "Load test customer" } }, timeout, cancellationToken);

    private async Task<TimeSpan> ExchangeAsync(object activity, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string id;
        try
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, activitiesUrls[posts++ % activitiesUrls.Count]) { Content = JsonContent.Create(activity, options: Json) };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(post, deadline.Token);
            id = (await ReadAsync<PostedActivity>(response, "post", deadline.Token)).Id;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LoadFailure("reply timeout", $"The POST took longer than {timeout.TotalSeconds} s.");
        }

        var reply = replies.GetOrAdd(id, NewReply);
        if (closed)
        {
            reply.TrySetException(new LoadFailure("stream closed", "The WebSocket closed before the reply arrived."));
        }
        try
        {
            var repliedAt = await reply.Task.WaitAsync(deadline.Token);
            return time.GetElapsedTime(started, repliedAt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LoadFailure("reply timeout", $"No reply within {timeout.TotalSeconds} s.");
        }
        finally
        {
            replies.TryRemove(id, out _);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                // Not cancellable: cancelling a receive aborts the socket; DisposeAsync ends it with a close handshake.
                var result = await socket.ReceiveAsync(buffer.GetMemory(8 * 1024), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                buffer.Advance(result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                // Empty frames are the server's keep-alive (digest §4.5).
                if (buffer.WrittenCount > 0)
                {
                    Dispatch(buffer.WrittenSpan, time.GetTimestamp());
                }
                buffer.ResetWrittenCount();
            }
        }
        catch (WebSocketException)
        {
            // Lost; the waiting turn fails below.
        }
        finally
        {
            closed = true;
            foreach (var reply in replies.Values)
            {
                reply.TrySetException(new LoadFailure("stream closed", "The WebSocket closed before the reply arrived."));
            }
        }
    }

    private void Dispatch(ReadOnlySpan<byte> frame, long receivedAt)
    {
        var set = JsonSerializer.Deserialize<ActivitySet>(frame, Json);
        foreach (var activity in set?.Activities ?? [])
        {
            if (activity is { Type: "message", From.Role: "bot", ReplyToId: { } replyToId })
            {
                replies.GetOrAdd(replyToId, NewReply).TrySetResult(receivedAt);
            }
        }
    }

    private static TaskCompletionSource<long> NewReply(string _) => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string step, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new LoadFailure($"{step}: HTTP {(int)response.StatusCode}", $"{step} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new LoadFailure($"{step}: bad response", $"{step} answered an empty body.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(CloseTimeout, time);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            await receiving.WaitAsync(CloseTimeout, time);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
        {
            socket.Abort();
        }
        socket.Dispose();
    }

    private sealed record ChatSession(string Token, string UserId);

    private sealed record StartedConversation(string ConversationId, string Token, string StreamUrl);

    private sealed record PostedActivity(string Id);

    private sealed record ActivitySet(List<StreamedActivity>? Activities);

    private sealed record StreamedActivity(string? Type, string? ReplyToId, Account? From);

    private sealed record Account(string? Role);
}

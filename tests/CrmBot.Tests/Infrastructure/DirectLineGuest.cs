using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CrmBot.Tests.Infrastructure;

/// <summary>
/// A guest in the web chat, over plain HTTP: a session from <c>/api/chat/session</c> without sign-in, then the Direct
/// Line REST calls DirectLineJS makes when it polls. Messages carry <c>channelData.clientActivityID</c> as Web Chat's
/// do, which is what lets the server recognise a retried post. Works on any <see cref="HttpClient"/>, in-process or
/// against the real server; the token survives a restart of the server, which keeps its Direct Line secret.
/// </summary>
public sealed class DirectLineGuest
{
    private const int MaxPages = 1000;

    private readonly HttpClient _http;

    private DirectLineGuest(HttpClient http, string token, string conversationId, string userId)
    {
        _http = http;
        Token = token;
        ConversationId = conversationId;
        UserId = userId;
    }

    public string Token { get; }
    public string ConversationId { get; }
    public string UserId { get; }

    /// <summary>Opens a guest session and starts its conversation, as the chat page does.</summary>
    public static async Task<DirectLineGuest> StartAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var sessionResponse = await http.PostAsJsonAsync("/api/chat/session", new { }, cancellationToken);
        Assert.True(sessionResponse.StatusCode == HttpStatusCode.OK, $"POST /api/chat/session answered {(int)sessionResponse.StatusCode}");
        var session = (await sessionResponse.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
        var guest = new DirectLineGuest(http, (string)session["token"]!, (string)session["conversationId"]!, (string)session["userId"]!);
        using var start = guest.Request(HttpMethod.Post, "/v3/directline/conversations");
        using var started = await http.SendAsync(start, cancellationToken);
        Assert.True(started.IsSuccessStatusCode, $"POST /v3/directline/conversations answered {(int)started.StatusCode}");
        return guest;
    }

    /// <summary>The same guest (token, conversation) talking to another instance of the service, as a load balancer may send it.</summary>
    public DirectLineGuest On(HttpClient http) => new(http, Token, ConversationId, UserId);

    /// <summary>
    /// Posts a message. Acknowledged: 200 with <c>{ id }</c>. Not acknowledged, with the reason: the connection refused
    /// or reset, the request timed out, or a 5xx, as when the server is down or restarting. Any other answer means the
    /// test sent something wrong, and fails it.
    /// </summary>
    public async Task<PostResult> TryPostMessageAsync(string text, string clientActivityId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities");
        request.Content = JsonContent.Create(new
        {
            type = "message",
            from = new { id = UserId, name = "Guest" },
            text,
            locale = "en-GB",
            channelData = new { clientActivityID = clientActivityId },
        });
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                return new PostResult(null, $"HTTP {(int)response.StatusCode}");
            }
            Assert.True(response.StatusCode == HttpStatusCode.OK,
                $"POST activities answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            var id = (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))?["id"]
                ?? throw new InvalidOperationException("POST activities answered 200 without an id.");
            return new PostResult(id, null);
        }
        catch (HttpRequestException e)
        {
            return new PostResult(null, e.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PostResult(null, "timeout");
        }
    }

    /// <summary>Posts a message the server must acknowledge; returns its activity id.</summary>
    public async Task<string> PostMessageAsync(string text, string clientActivityId, CancellationToken cancellationToken) =>
        (await TryPostMessageAsync(text, clientActivityId, cancellationToken)) is { Id: { } id } ? id
            : throw new InvalidOperationException($"The server did not acknowledge \"{text}\".");

    /// <summary>
    /// The whole activity log as a client sees it, oldest first: pages from the start, sending back each watermark,
    /// until the server has nothing newer (it then answers the watermark it was sent).
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> ReadActivitiesAsync(CancellationToken cancellationToken)
    {
        var activities = new List<JsonObject>();
        var watermark = "";
        for (var page = 0; page < MaxPages; page++)
        {
            using var request = Request(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={watermark}");
            using var response = await _http.SendAsync(request, cancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET activities answered {(int)response.StatusCode}");
            var set = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
            activities.AddRange(set["activities"]!.AsArray().Select(a => a!.AsObject()));
            var next = (string?)set["watermark"];
            if (next is null || next == watermark)
            {
                return activities;
            }
            watermark = next;
        }
        throw new InvalidOperationException($"The activity log did not end after {MaxPages} pages.");
    }

    public static bool IsUserMessage(JsonObject activity) => (string?)activity["type"] == "message" && (string?)activity["from"]?["role"] == "user";

    public static bool IsBotMessage(JsonObject activity) => (string?)activity["type"] == "message" && (string?)activity["from"]?["role"] == "bot";

    public static string? ClientActivityId(JsonObject activity) => (string?)activity["channelData"]?["clientActivityID"];

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return request;
    }

    /// <summary>What became of a post: the activity id when acknowledged, otherwise why not.</summary>
    public sealed record PostResult(string? Id, string? Failure);
}

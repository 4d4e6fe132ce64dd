using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Seeding;

namespace CrmBot.Tests.Handoff;

/// <summary>
/// A customer in Web Chat: a session from <c>/api/chat/session</c> (the demo sign-in), then the Direct Line REST calls
/// the page makes. Bot turns run in the background, so replies are polled for, as DirectLineJS polls.
/// </summary>
public sealed class WebChatCustomer
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HandoffApp _app;
    private readonly HttpClient _client;
    private string _watermark;

    private WebChatCustomer(HandoffApp app, string token, string conversationId, string userId, List<JsonObject> received, string watermark)
    {
        _app = app;
        _client = app.CreateClient();
        Token = token;
        ConversationId = conversationId;
        UserId = userId;
        Received = received;
        _watermark = watermark;
    }

    public string Token { get; }
    public string ConversationId { get; }
    public string UserId { get; }

    /// <summary>Every activity the page has been shown so far, oldest first.</summary>
    public List<JsonObject> Received { get; }

    public static async Task<WebChatCustomer> StartAsync(HandoffApp app, string email = DemoDataSeeder.DemoCustomerEmail)
    {
        using var client = app.CreateClient();
        using var sessionResponse = await client.PostAsJsonAsync("/api/chat/session", new { customerEmail = email });
        Assert.Equal(HttpStatusCode.OK, sessionResponse.StatusCode);
        var session = (await sessionResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var customer = new WebChatCustomer(app, (string)session["token"]!, (string)session["conversationId"]!, (string)session["userId"]!, [], "");
        using var start = customer.Request(HttpMethod.Post, "/v3/directline/conversations");
        start.Content = JsonContent.Create(new { user = new { } });
        using var started = await customer._client.SendAsync(start);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return customer;
    }

    /// <summary>The same page after the server restarted: same token and conversation, what it had already shown, a new connection.</summary>
    public WebChatCustomer ReconnectTo(HandoffApp app) => new(app, Token, ConversationId, UserId, [.. Received], _watermark);

    /// <summary>Sends a message; returns its activity id (what the bot's replies point to with <c>replyToId</c>).</summary>
    public async Task<string> SayAsync(string text)
    {
        using var request = Request(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities");
        request.Content = JsonContent.Create(new { type = "message", from = new { id = UserId, name = "Alice" }, text });
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>Fetches what is new since the last poll and adds it to <see cref="Received"/>.</summary>
    public async Task FetchAsync()
    {
        using var request = Request(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={_watermark}");
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var set = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Received.AddRange(set["activities"]!.AsArray().Select(a => a!.AsObject()));
        _watermark = (string?)set["watermark"] ?? _watermark;
    }

    /// <summary>Polls until the page has been shown an activity that matches; fails with what it did get after 30 s.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await FetchAsync();
            if (Received.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline,
                $"No {what} within {Patience.TotalSeconds:0} s; the page shows:\n" + string.Join("\n", Received.Select(a => $"  {FromId(a)}: {Text(a)}")) + "\n" + _app.Errors);
            await Task.Delay(100);
        }
    }

    /// <summary>The bot's (first) reply to a message this customer sent.</summary>
    public Task<JsonObject> ReplyToAsync(string activityId) =>
        WaitForAsync(a => (string?)a["replyToId"] == activityId && IsFromBot(a), $"bot reply to {activityId}");

    public static string Text(JsonObject activity) => (string?)activity["text"] ?? "";

    public static string? FromId(JsonObject activity) => (string?)activity["from"]?["id"];

    public static string? FromName(JsonObject activity) => (string?)activity["from"]?["name"];

    public static bool IsFromBot(JsonObject activity) => (string?)activity["from"]?["role"] == "bot" && FromId(activity)?.StartsWith("agent:", StringComparison.Ordinal) != true;

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return request;
    }
}

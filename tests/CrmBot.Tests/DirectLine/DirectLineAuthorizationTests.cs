using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace CrmBot.Tests.DirectLine;

/// <summary>Secrets, tokens and their scope (digest §4.2): a token opens one conversation and nothing else.</summary>
public sealed class DirectLineAuthorizationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private DirectLineTestServer server = null!;

    public async Task InitializeAsync() => server = await DirectLineTestServer.StartAsync(time: time);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Token_for_one_conversation_cannot_read_another()
    {
        var mine = await server.StartConversationAsync("dl_alice");
        var theirs = await server.StartConversationAsync("dl_bob");
        var token = (string)mine["token"]!;
        var other = (string)theirs["conversationId"]!;

        using var read = await server.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{other}/activities?watermark=", token);
        using var reconnect = await server.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{other}", token);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
    }

    [Fact]
    public async Task Token_for_one_conversation_cannot_post_into_another()
    {
        var mine = await server.StartConversationAsync("dl_alice");
        var theirs = await server.StartConversationAsync("dl_bob");
        var other = (string)theirs["conversationId"]!;

        using var post = await server.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{other}/activities", (string)mine["token"]!,
            """{"type":"message","from":{"id":"dl_bob"},"text":"not yours"}""");

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var set = await server.GetActivitiesAsync((string)theirs["token"]!, other);
        Assert.Empty(set["activities"]!.AsArray());
    }

    [Fact]
    public async Task Token_cannot_generate_tokens()
    {
        var conversation = await server.StartConversationAsync();

        using var response = await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", (string)conversation["token"]!);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_or_missing_secret_is_unauthorized()
    {
        using var wrong = await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "not-the-secret-0123456789-abcdefghijklmnop");
        using var missing = await server.SendAsync(HttpMethod.Post, "/v3/directline/conversations", credential: null);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Token_signed_with_another_secret_is_unauthorized()
    {
        const string otherSecret = "another-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
        await using var otherServer = await DirectLineTestServer.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:Secret"] = otherSecret });
        using var start = await otherServer.SendAsync(HttpMethod.Post, "/v3/directline/conversations", otherSecret);
        var foreign = (await start.Content.ReadFromJsonAsync<JsonObject>())!;

        using var response = await server.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{(string)foreign["conversationId"]!}/activities?watermark=", (string)foreign["token"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_forbidden_with_the_token_expired_code_and_cannot_be_refreshed()
    {
        var conversation = await server.StartConversationAsync();
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;

        time.Advance(TimeSpan.FromMinutes(31));
        using var read = await server.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities?watermark=", token);
        using var refresh = await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refresh.StatusCode);
        var problem = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("TokenExpired", (string)problem["error"]!["code"]!);
    }

    [Fact]
    public async Task Token_refreshed_before_expiry_outlives_the_original()
    {
        var conversation = await server.StartConversationAsync();
        var id = (string)conversation["conversationId"]!;
        time.Advance(TimeSpan.FromMinutes(15));
        using var refresh = await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", (string)conversation["token"]!);
        var refreshed = (string)(await refresh.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;

        time.Advance(TimeSpan.FromMinutes(20));
        using var withOld = await server.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities?watermark=", (string)conversation["token"]!);
        using var withNew = await server.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities?watermark=", refreshed);

        Assert.Equal(HttpStatusCode.Forbidden, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Fact]
    public async Task Secret_can_read_any_conversation_and_unknown_ones_are_not_found()
    {
        var conversation = await server.StartConversationAsync();

        using var known = await server.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{(string)conversation["conversationId"]!}/activities?watermark=", DirectLineTestServer.Secret);
        using var unknown = await server.SendAsync(HttpMethod.Get, "/v3/directline/conversations/nosuchconversation/activities?watermark=", DirectLineTestServer.Secret);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Token_without_a_user_gets_a_generated_dl_user_that_the_server_enforces()
    {
        var generated = await server.GenerateTokenAsync(userId: null);
        var token = (string)generated["token"]!;
        var id = (string)generated["conversationId"]!;

        await server.PostMessageAsync(token, id, "who am I?");

        var activities = await server.PollUntilAsync(token, id, received => received.Count >= 2);
        Assert.StartsWith("dl_", (string)activities[0]["from"]!["id"]!);
    }
}

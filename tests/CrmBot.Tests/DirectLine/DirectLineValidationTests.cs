using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CrmBot.Tests.DirectLine;

/// <summary>What a client may not post, and the reasons it is told (ProblemDetails).</summary>
public sealed class DirectLineValidationTests : IAsyncLifetime
{
    private DirectLineTestServer server = null!;
    private string conversationId = null!;
    private string token = null!;

    public async Task InitializeAsync()
    {
        server = await DirectLineTestServer.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:MaxConversationsPerMinute"] = "3" });
        var conversation = await server.StartConversationAsync();
        conversationId = (string)conversation["conversationId"]!;
        token = (string)conversation["token"]!;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string json) =>
        server.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, json);

    [Fact]
    public async Task Malformed_json_is_a_bad_request_with_a_reason()
    {
        using var response = await PostAsync("""{"type":"message","text":"unfinished""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("not a valid JSON activity", (string)problem["detail"]!);
        Assert.Equal("BadSyntax", (string)problem["error"]!["code"]!);
    }

    [Theory]
    [InlineData("""{"text":"no type"}""", "type is required")]
    [InlineData("""{"type":"conversationUpdate","membersAdded":[{"id":"intruder"}]}""", "type must be one of")]
    [InlineData("""{"type":"event","value":{}}""", "needs a name")]
    [InlineData("[1,2,3]", "not a valid JSON activity")]
    public async Task Activity_that_a_client_may_not_send_is_a_bad_request(string json, string reason)
    {
        using var response = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
    }

    [Fact]
    public async Task Oversize_activity_is_refused_and_not_stored()
    {
        var activity = new JsonObject { ["type"] = "message", ["text"] = "x", ["channelData"] = new JsonObject { ["padding"] = new string('x', 40 * 1024) } };

        using var response = await PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty((await server.GetActivitiesAsync(token, conversationId))["activities"]!.AsArray());
    }

    [Fact]
    public async Task Text_longer_than_the_limit_is_a_bad_request()
    {
        var activity = new JsonObject { ["type"] = "message", ["text"] = new string('a', 4001) };

        using var response = await PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("4000", (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
    }

    [Fact]
    public async Task Type_casing_is_normalized_for_the_bot()
    {
        using var response = await PostAsync("""{"Type":"Message","Text":"shouting case"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var activities = await server.PollUntilAsync(token, conversationId, received => received.Count >= 2);
        Assert.Equal("message", (string)activities[0]["type"]!);
        Assert.Equal("echo: shouting case", (string)activities[1]["text"]!);
    }

    [Fact]
    public async Task Non_numeric_watermark_is_a_bad_request()
    {
        using var response = await server.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark=abc", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Too_many_new_conversations_from_one_address_are_throttled()
    {
        // One of the three allowed per minute went to InitializeAsync.
        await server.GenerateTokenAsync();
        await server.GenerateTokenAsync();

        using var response = await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineTestServer.Secret);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Malformed_token_parameters_are_a_bad_request()
    {
        using var response = await server.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineTestServer.Secret, """{"user":{"id":"has spaces in it"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

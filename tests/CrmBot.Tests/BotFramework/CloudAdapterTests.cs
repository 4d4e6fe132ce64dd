using System.Net;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.Connector;
using CrmBot.BotFramework.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.BotFramework;

/// <summary><c>POST /api/messages</c> end to end: Teams payloads in, Connector calls out to a real HTTP capture server.</summary>
public sealed class CloudAdapterTests : IAsyncLifetime
{
    private const string PersonalConversationId = "a:17I0kl9EkpE1O9PH5TWrzrLNwnWWcfrU7QZjKR0WSfOpzbfcAg2IaydGElSo10tVr4C7Fc6GtieTJX663WuJCc1uA83n4CSrHSgGBj5XNYLcVlJAs2ZX8DbYBPck201w-";

    private FakeChannel channel = null!;

    public async Task InitializeAsync() => channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await channel.DisposeAsync();

    [Fact]
    public async Task Teams_message_gets_both_replies_addressed_back_to_the_sender()
    {
        var bot = new RecordingBot(async (turn, ct) =>
        {
            await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = "first" }, ct);
            await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = "second" }, ct);
        });
        await using var host = await BotHost.StartSecuredAsync(channel, bot);

        var response = await host.PostAsync(Samples.Activity("teams-message-personal.json", channel.ServiceUrl).ToJsonString(), channel.CreateToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var replies = channel.ConnectorCalls;
        Assert.Equal(2, replies.Count);
        Assert.Equal(["first", "second"], replies.Select(r => r.Json["text"]!.GetValue<string>()));
        foreach (var reply in replies)
        {
            Assert.Equal("POST", reply.Method);
            Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(PersonalConversationId)}/activities/1485983408511", reply.Path);
            Assert.StartsWith("/amer/v3/conversations/a%3A17I0", reply.Path, StringComparison.Ordinal);
            var body = reply.Json;
            Assert.Equal(PersonalConversationId, body["conversation"]!["id"]!.GetValue<string>());
            Assert.Equal("28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", body["from"]!["id"]!.GetValue<string>());
            Assert.Equal("29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw", body["recipient"]!["id"]!.GetValue<string>());
            Assert.Equal("1485983408511", body["replyToId"]!.GetValue<string>());
            Assert.Equal("msteams", body["channelId"]!.GetValue<string>());
            Assert.Equal("en-US", body["locale"]!.GetValue<string>());
            Assert.False(body.ContainsKey("id"), "Ids are assigned by the channel (A2031).");
            AssertCanonicalJson(body);
        }
    }

    [Fact]
    public async Task Reply_in_a_channel_thread_escapes_semicolon_and_at_and_the_bot_sees_the_card_value()
    {
        JsonNode? seenValue = null;
        var bot = new RecordingBot(async (turn, ct) =>
        {
            seenValue = turn.Activity.Value;
            await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = "got it" }, ct);
        });
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);

        await host.PostAsync(Samples.Activity("teams-message-channel-messageBack.json", channel.ServiceUrl).ToJsonString());

        var reply = Assert.Single(channel.ConnectorCalls);
        Assert.Equal("/amer/v3/conversations/19%3Amalejcou081i20ojmlcau0%40thread.skype%3Bmessageid%3D1498171086622/activities/f%3A5261769396935243054", reply.Path);
        Assert.Equal("19:malejcou081i20ojmlcau0@thread.skype;messageid=1498171086622", reply.Json["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("propertyValue", Assert.IsType<JsonObject>(seenValue)["property"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_is_answered_400_with_a_reason_and_no_turn_runs()
    {
        var bot = new RecordingBot();
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);

        var response = await host.PostAsync("{ \"type\": \"message\", ");

        await AssertBadRequestAsync(response, "JSON");
        Assert.Empty(bot.Turns);
    }

    [Fact]
    public async Task Activity_over_the_size_limit_is_answered_413_and_no_turn_runs()
    {
        var bot = new RecordingBot();
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);
        var activity = Samples.Activity("teams-message-personal.json", channel.ServiceUrl);
        activity["text"] = new string('a', 300 * 1024);

        var response = await host.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.Contains("262144 bytes", detail);
        Assert.Empty(bot.Turns);
    }

    [Theory]
    [InlineData("conversation", "conversation.id")]
    [InlineData("type", "type")]
    [InlineData("serviceUrl", "serviceUrl")]
    [InlineData("from", "from.id")]
    public async Task Activity_missing_a_required_field_is_answered_400_naming_it(string field, string reason)
    {
        var bot = new RecordingBot();
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);
        var activity = Samples.Activity("teams-message-personal.json", channel.ServiceUrl);
        activity.Remove(field);

        var response = await host.PostAsync(activity.ToJsonString());

        await AssertBadRequestAsync(response, reason);
        Assert.Empty(bot.Turns);
    }

    [Fact]
    public async Task Direct_Line_activity_without_serviceUrl_is_accepted()
    {
        var bot = new RecordingBot();
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);

        var response = await host.PostAsync("""{"type":"message","channelId":"directline","conversation":{"id":"c1"},"from":{"id":"dl_user"},"text":"hi"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Turns);
    }

    [Fact]
    public async Task PascalCase_activity_is_accepted()
    {
        var bot = new RecordingBot();
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);

        var response = await host.PostAsync($$"""{"Type":"message","ServiceUrl":"{{channel.ServiceUrl}}","Conversation":{"Id":"c1"},"From":{"Id":"u1"},"Text":"hi"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hi", Assert.Single(bot.Turns).Text);
    }

    [Fact]
    public async Task Unknown_activity_type_is_accepted_with_200_and_nothing_is_sent()
    {
        var bot = new RecordingBot();
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);
        var activity = Samples.Activity("teams-message-personal.json", channel.ServiceUrl);
        activity["type"] = "messageReaction";

        var response = await host.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(channel.ConnectorCalls);
    }

    [Fact]
    public async Task Invoke_the_bot_does_not_handle_is_answered_501()
    {
        await using var host = await BotHost.StartDevelopmentAsync(channel, new RecordingBot());
        var activity = Samples.Activity("teams-invoke-adaptiveCard-action.SYNTHETIC.json", channel.ServiceUrl);
        activity["name"] = "composeExtension/query";

        var response = await host.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_answered_by_the_bot_returns_its_status_and_body_synchronously()
    {
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray() };
        var bot = new RecordingBot((turn, ct) => turn.Activity.Name == "adaptiveCard/action"
            ? turn.SendActivityAsync(InvokeResponse.AdaptiveCard(card).ToActivity(), ct)
            : Task.CompletedTask);
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);

        var response = await host.PostAsync(Samples.Activity("teams-invoke-adaptiveCard-action.SYNTHETIC.json", channel.ServiceUrl).ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", body["value"]!["type"]!.GetValue<string>());
        Assert.Empty(channel.ConnectorCalls);
    }

    [Fact]
    public async Task CallerId_sent_on_the_wire_is_discarded()
    {
        var bot = new RecordingBot();
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);
        var activity = Samples.Activity("teams-message-personal.json", channel.ServiceUrl);
        activity["callerId"] = "urn:botframework:azure";

        await host.PostAsync(activity.ToJsonString());

        Assert.False(Assert.Single(bot.Turns).Properties?.ContainsKey("callerId") ?? false);
    }

    [Fact]
    public async Task Proactive_message_is_appended_to_the_stored_conversation()
    {
        var bot = new RecordingBot();
        await using var host = await BotHost.StartSecuredAsync(channel, bot);
        await host.PostAsync(Samples.Activity("teams-message-personal.json", channel.ServiceUrl).ToJsonString(), channel.CreateToken());
        var reference = Assert.Single(bot.Turns).GetConversationReference();
        var adapter = host.Services.GetRequiredService<CloudAdapter>();

        await adapter.ContinueConversationAsync(reference, (turn, ct) => turn.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = "An agent has answered." }, ct), CancellationToken.None);

        var call = Assert.Single(channel.ConnectorCalls);
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(PersonalConversationId)}/activities", call.Path);
        Assert.Equal($"Bearer {BotHost.OutboundToken}", call.Authorization);
        Assert.Equal("28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", call.Json["from"]!["id"]!.GetValue<string>());
        Assert.False(call.Json.ContainsKey("replyToId"));
    }

    [Fact]
    public async Task New_conversation_is_created_and_the_callback_sends_into_it()
    {
        await using var host = await BotHost.StartDevelopmentAsync(channel, new RecordingBot());
        var adapter = host.Services.GetRequiredService<CloudAdapter>();
        var parameters = new ConversationParameters
        {
            Bot = new ChannelAccount { Id = "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c" },
            Members = [new ChannelAccount { Id = "29:agent" }],
            TenantId = FakeChannel.TenantId,
            ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeChannel.TenantId } },
        };

        var created = await adapter.CreateConversationAsync("msteams", channel.ServiceUrl, parameters,
            (turn, ct) => turn.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = "New escalation" }, ct), CancellationToken.None);

        Assert.Equal("a:created-conversation", created.Id);
        var calls = channel.ConnectorCalls;
        Assert.Equal(2, calls.Count);
        Assert.Equal("/amer/v3/conversations", calls[0].Path);
        Assert.Equal(FakeChannel.TenantId, calls[0].Json["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("/amer/v3/conversations/a%3Acreated-conversation/activities", calls[1].Path);
        Assert.Equal("29:agent", calls[1].Json["recipient"]!["id"]!.GetValue<string>());
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.Contains(reason, detail, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>camelCase names and no null values anywhere (digest §1.1).</summary>
    private static void AssertCanonicalJson(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Assert.True(char.IsLower(name[0]), $"Property '{name}' is not camelCase.");
                    Assert.NotNull(value);
                    AssertCanonicalJson(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    AssertCanonicalJson(item);
                }

                break;
        }
    }
}

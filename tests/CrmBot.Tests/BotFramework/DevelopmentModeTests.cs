using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;

namespace CrmBot.Tests.BotFramework;

/// <summary>No app id configured: the SDK's anonymous mode (digest §3.2).</summary>
public sealed class DevelopmentModeTests
{
    [Fact]
    public async Task Development_mode_accepts_a_request_without_a_token_and_replies_without_one()
    {
        await using var channel = await FakeChannel.StartAsync();
        var bot = new RecordingBot((turn, ct) => turn.SendActivityAsync(new() { Type = "message", Text = "hello" }, ct));
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);

        var response = await host.PostAsync(Samples.Activity("teams-message-personal.json", channel.ServiceUrl).ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Turns);
        var reply = Assert.Single(channel.ConnectorCalls);
        Assert.Equal(string.Empty, reply.Authorization);
    }

    [Fact]
    public async Task Development_mode_refuses_a_token_it_cannot_validate()
    {
        await using var channel = await FakeChannel.StartAsync();
        var bot = new RecordingBot();
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);

        var response = await host.PostAsync(Samples.Activity("teams-message-personal.json", channel.ServiceUrl).ToJsonString(), channel.CreateToken());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Turns);
    }

    [Fact]
    public async Task Development_mode_outside_development_refuses_a_caller_from_another_machine()
    {
        await using var channel = await FakeChannel.StartAsync();
        var bot = new RecordingBot((turn, ct) => turn.SendActivityAsync(new() { Type = "message", Text = "hello" }, ct));
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot, caller: IPAddress.Parse("203.0.113.7"));

        var response = await host.PostAsync(Samples.Activity("teams-message-personal.json", channel.ServiceUrl).ToJsonString());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bot:MicrosoftAppId", await DetailAsync(response));
        Assert.Empty(bot.Turns);
        Assert.Empty(channel.ConnectorCalls);
    }

    [Fact]
    public async Task Development_mode_in_the_development_environment_accepts_a_caller_from_another_machine()
    {
        await using var channel = await FakeChannel.StartAsync();
        var bot = new RecordingBot();
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot, caller: IPAddress.Parse("203.0.113.7"), environment: Environments.Development);

        var response = await host.PostAsync(Samples.Activity("teams-message-personal.json", channel.ServiceUrl).ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Turns);
    }

    [Fact]
    public async Task Development_mode_refuses_a_serviceUrl_off_the_allow_list_and_sends_nothing()
    {
        await using var channel = await FakeChannel.StartAsync();
        var bot = new RecordingBot((turn, ct) => turn.SendActivityAsync(new() { Type = "message", Text = "hello" }, ct));
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot, new Dictionary<string, string?>
        {
            ["Bot:AllowedServiceUrls:0"] = "https://smba.trafficmanager.net/emea/",
        });

        var response = await host.PostAsync(Samples.Activity("teams-message-personal.json", channel.ServiceUrl).ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bot:AllowedServiceUrls", await DetailAsync(response));
        Assert.Empty(bot.Turns);
        Assert.Empty(channel.ConnectorCalls);
    }

    [Fact]
    public async Task Development_mode_by_default_refuses_a_serviceUrl_that_is_not_on_this_machine()
    {
        await using var channel = await FakeChannel.StartAsync();
        var bot = new RecordingBot((turn, ct) => turn.SendActivityAsync(new() { Type = "message", Text = "hello" }, ct));
        await using var host = await BotHost.StartDevelopmentAsync(channel, bot);

        // A reserved name that resolves nowhere: even a bot that tried would reach no one.
        var response = await host.PostAsync(Samples.Activity("teams-message-personal.json", "https://connector.invalid/amer/").ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(bot.Turns);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
}

using System.Net;

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
}

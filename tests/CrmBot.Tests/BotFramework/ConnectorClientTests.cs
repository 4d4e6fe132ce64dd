using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using CrmBot.BotFramework;
using CrmBot.BotFramework.Authentication;
using CrmBot.BotFramework.Connector;
using CrmBot.BotFramework.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CrmBot.Tests.BotFramework;

/// <summary>The registered Connector client (retries, errors, escaping) against the fake channel over real HTTP.</summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private FakeChannel channel = null!;

    public async Task InitializeAsync() => channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await channel.DisposeAsync();

    [Fact]
    public async Task Throttled_reply_is_retried_after_Retry_After_and_delivered_once()
    {
        await using var services = Services();
        channel.ScriptResponse(HttpStatusCode.TooManyRequests, """{"error":{"code":"Throttled","message":"slow down"}}""", retryAfterSeconds: 1);
        var stopwatch = Stopwatch.StartNew();

        var sent = await services.GetRequiredService<ConnectorClient>().ReplyToActivityAsync(channel.ServiceUrl, "a:1", "42", Message("hello"), CancellationToken.None);

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"Retried after {stopwatch.Elapsed}, before the server's Retry-After.");
        Assert.StartsWith("reply-", sent.Id, StringComparison.Ordinal);
        var attempts = channel.ConnectorCalls;
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("hello", a.Json["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Server_errors_are_retried_only_the_configured_number_of_times()
    {
        await using var services = Services(new() { ["Bot:ConnectorMaxRetries"] = "2" });
        for (var i = 0; i < 5; i++)
        {
            channel.ScriptResponse(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 0);
        }

        var error = await Assert.ThrowsAsync<ErrorResponseException>(() =>
            services.GetRequiredService<ConnectorClient>().SendToConversationAsync(channel.ServiceUrl, "a:1", Message("hello"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(3, channel.ConnectorCalls.Count);
    }

    [Fact]
    public async Task Forbidden_answer_surfaces_with_status_code_and_body_and_is_not_retried()
    {
        await using var services = Services();
        const string body = """{"error":{"code":"ConversationBlockedByUser","message":"User blocked the conversation with the bot."}}""";
        channel.ScriptResponse(HttpStatusCode.Forbidden, body);

        var error = await Assert.ThrowsAsync<ErrorResponseException>(() =>
            services.GetRequiredService<ConnectorClient>().SendToConversationAsync(channel.ServiceUrl, "a:1", Message("hello"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(body, error.ResponseBody);
        Assert.Equal("ConversationBlockedByUser", error.ErrorCode);
        Assert.Equal("op-123", error.OperationId);
        Assert.Single(channel.ConnectorCalls);
    }

    [Fact]
    public async Task Update_puts_the_activity_at_its_escaped_address()
    {
        await using var services = Services();

        await services.GetRequiredService<ConnectorClient>().UpdateActivityAsync(channel.ServiceUrl, "19:x@thread.tacv2;messageid=1", "1:a", Message("edited"), CancellationToken.None);

        var call = Assert.Single(channel.ConnectorCalls);
        Assert.Equal("PUT", call.Method);
        Assert.Equal("/amer/v3/conversations/19%3Ax%40thread.tacv2%3Bmessageid%3D1/activities/1%3Aa", call.Path);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1%3Bb%40c/activities")]
    [InlineData("https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1%3Bb%40c/activities")]
    public void Conversation_ids_are_escaped_whether_or_not_the_serviceUrl_ends_with_a_slash(string serviceUrl, string expected) =>
        Assert.Equal(expected, ConnectorClient.BuildUri(serviceUrl, "a:1;b@c", "activities").AbsoluteUri);

    [Fact]
    public async Task Token_is_never_sent_to_a_plain_http_serviceUrl_off_this_machine()
    {
        await using var services = Services(configure: s => s.Replace(ServiceDescriptor.Singleton<IConnectorTokenProvider>(new StaticToken())));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            services.GetRequiredService<ConnectorClient>().SendToConversationAsync("http://smba.example/", "a:1", Message("hello"), CancellationToken.None));
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text, Conversation = new ConversationAccount { Id = "a:1" } };

    private static ServiceProvider Services(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection().AddLogging();
        // Every host registers its environment, which the adapter reads; a bare service collection has to say it.
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production });
        services.AddBotFrameworkConnector(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private sealed class StaticToken : IConnectorTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("secret");
    }
}

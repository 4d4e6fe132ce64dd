using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CrmBot.BotFramework;
using CrmBot.BotFramework.Authentication;
using CrmBot.Core.Handoff;
using CrmBot.Handoff;
using CrmBot.Tests.BotFramework;
using CrmBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmBot.Core.Engine;

namespace CrmBot.Tests.Channels;

/// <summary>
/// The Teams alert for agents, hosted as the app hosts it (options, hosted service, the registered Connector client
/// with its retries, MSAL for the token) and posting over real HTTP to the fake channel; only MSAL's token endpoint is
/// answered by a handler.
/// </summary>
public sealed class TeamsAgentAlertTests : IAsyncLifetime
{
    private const string AgentsChannelId = "19:a8f2c1d0e9b34c7f8a6d5e4b3c2a1f00@thread.tacv2";
    private const string ConsoleBaseUrl = "https://support.brightwave.example/";
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 23, 17, 10, 0, TimeSpan.Zero);

    private FakeChannel channel = null!;

    public async Task InitializeAsync() => channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await channel.DisposeAsync();

    [Fact]
    public async Task New_escalation_is_posted_as_a_card_thread_in_the_agents_channel()
    {
        ConnectorPostsTheActivity("1");
        ConnectorPostsTheActivity("2");
        await using var host = await AlertHost.StartAsync(Settings());

        await host.Alert.EscalationCreatedAsync(Escalation(42, "ESC-7KQ2XM", "Jane Cooper"), CancellationToken.None);
        await host.Alert.EscalationCreatedAsync(Escalation(43, "ESC-9PLW3D", "Omar Haddad"), CancellationToken.None);

        // Alerts go out in order, so the second create-conversation also shows the first needed no further call.
        var calls = await WaitForCallsAsync(2);
        Assert.All(calls, c => Assert.Equal(("POST", "/amer/v3/conversations"), (c.Method, c.Path)));
        var create = calls[0];
        Assert.Equal("Bearer minted-1", create.Authorization);
        var body = create.Json;
        Assert.True(body["isGroup"]!.GetValue<bool>());
        Assert.Equal(AgentsChannelId, body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Equal(FakeChannel.TenantId, body["tenantId"]!.GetValue<string>());
        Assert.Equal(FakeChannel.TenantId, body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("28:" + FakeChannel.AppId, body["bot"]!["id"]!.GetValue<string>());
        Assert.Equal("message", body["activity"]!["type"]!.GetValue<string>());

        var card = Card(body["activity"]!);
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal("New escalation ESC-7KQ2XM", card["body"]![0]!["text"]!.GetValue<string>());
        var facts = Facts(card);
        Assert.Equal("Jane Cooper", facts["Customer"]);
        Assert.Equal("Gold", facts["Tier"]);
        Assert.Equal("billing", facts["Queue"]);
        Assert.Equal("2", facts["Priority"]);
        Assert.Equal("Very negative message (sentiment -0.85)", facts["Reason"]);
        Assert.Equal("negative (-0.85)", facts["Sentiment"]);
        Assert.Equal("23 Nov 2026, 17:10 UTC", facts["Waiting since"]);
        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Action.OpenUrl", action["type"]!.GetValue<string>());
        Assert.Equal(TeamsAgentAlertCard.TakeItTitle, action["title"]!.GetValue<string>());
        Assert.Equal("https://support.brightwave.example/agent?escalation=42", action["url"]!.GetValue<string>());
        Assert.DoesNotContain("money back", create.Body, StringComparison.Ordinal);

        Assert.Equal("Omar Haddad", Facts(Card(calls[1].Json["activity"]!))["Customer"]);
    }

    [Fact]
    public async Task Escalation_made_by_the_bot_in_the_app_is_posted_to_the_agents_channel()
    {
        await using var app = new AlertingApp(Settings());
        var engine = app.Services.GetRequiredService<ConversationEngine>();

        await engine.HandleAsync(new InboundMessage("test", "conv-" + Guid.NewGuid().ToString("N"), "user-" + Guid.NewGuid().ToString("N"), "can I talk to a real person please", "m1"), CancellationToken.None);

        var create = (await WaitForCallsAsync(1))[0];
        Assert.Equal("/amer/v3/conversations", create.Path);
        Assert.StartsWith("New escalation ESC-", Title(create.Json["activity"]!), StringComparison.Ordinal);
        Assert.Equal("Guest", Facts(Card(create.Json["activity"]!))["Customer"]);
    }

    [Fact]
    public async Task Card_is_sent_into_the_new_thread_when_the_connector_did_not_post_it()
    {
        await using var host = await AlertHost.StartAsync(Settings());

        await host.Alert.EscalationCreatedAsync(Escalation(7, "ESC-4TR8NB", "Guest"), CancellationToken.None);

        // The fake channel answers create-conversation with an id only, no activityId: nothing was posted yet.
        var calls = await WaitForCallsAsync(2);
        Assert.Equal("/amer/v3/conversations", calls[0].Path);
        Assert.Equal(("POST", "/amer/v3/conversations/a%3Acreated-conversation/activities"), (calls[1].Method, calls[1].Path));
        Assert.Equal("New escalation ESC-4TR8NB", Card(calls[1].Json)["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failing_connector_is_retried_then_logged_and_later_alerts_still_go_out()
    {
        for (var i = 0; i < 3; i++)
        {
            channel.ScriptResponse(HttpStatusCode.InternalServerError, """{"error":{"code":"ServiceError","message":"down"}}""", retryAfterSeconds: 0);
        }

        ConnectorPostsTheActivity("2");
        await using var host = await AlertHost.StartAsync(Settings(new() { ["Bot:ConnectorMaxRetries"] = "2" }));

        var queued = host.Alert.EscalationCreatedAsync(Escalation(1, "ESC-FAIL01", "Jane Cooper"), CancellationToken.None);
        Assert.True(queued.IsCompletedSuccessfully, "Queuing an alert must not wait for Teams.");
        await host.Alert.EscalationCreatedAsync(Escalation(2, "ESC-AFTER2", "Omar Haddad"), CancellationToken.None);

        var calls = await WaitForCallsAsync(4);
        Assert.Equal(["ESC-FAIL01", "ESC-FAIL01", "ESC-FAIL01", "ESC-AFTER2"], calls.Take(4).Select(c => Title(c.Json["activity"]!)[15..]));
        var failure = Assert.Single(host.Logs, l => l.Level == LogLevel.Warning && l.Category == typeof(TeamsAgentAlert).FullName);
        Assert.Contains("ESC-FAIL01", failure.Message, StringComparison.Ordinal);
        Assert.Contains("op-123", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", failure.Message, StringComparison.Ordinal);
        Assert.False(host.Alert.ExecuteTask!.IsCompleted, "The alert service stopped after a failed post.");
    }

    [Fact]
    public async Task Full_queue_drops_the_oldest_alert_with_a_warning()
    {
        await using var host = AlertHost.Create(Settings(new() { ["AgentAlerts:Teams:QueueCapacity"] = "1" }));
        await host.Alert.EscalationCreatedAsync(Escalation(1, "ESC-OLD001", "Jane Cooper"), CancellationToken.None);
        await host.Alert.EscalationCreatedAsync(Escalation(2, "ESC-OLD002", "Jane Cooper"), CancellationToken.None);
        await host.Alert.EscalationCreatedAsync(Escalation(3, "ESC-NEW003", "Jane Cooper"), CancellationToken.None);
        ConnectorPostsTheActivity("3");
        ConnectorPostsTheActivity("4");

        await host.StartAsync();
        await WaitForCallsAsync(1);
        await host.Alert.EscalationCreatedAsync(Escalation(4, "ESC-NEW004", "Jane Cooper"), CancellationToken.None);

        // Alerts go out in order: a call for a dropped alert would have come before the fourth.
        var calls = await WaitForCallsAsync(2);
        Assert.Equal(["ESC-NEW003", "ESC-NEW004"], calls.Select(c => Title(c.Json["activity"]!)[15..]));
        var dropped = host.Logs.Where(l => l.Level == LogLevel.Warning && l.Message.Contains("dropped", StringComparison.Ordinal)).Select(l => l.Message).ToList();
        Assert.Equal(2, dropped.Count);
        Assert.Contains("ESC-OLD001", dropped[0], StringComparison.Ordinal);
        Assert.Contains("ESC-OLD002", dropped[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabled_alerts_without_a_channel_id_refuse_to_start()
    {
        await using var host = AlertHost.Create(Settings(new() { ["AgentAlerts:Teams:ChannelId"] = "" }), resolveAlert: false);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains("AgentAlerts:Teams:ChannelId is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabled_alerts_without_a_bot_identity_refuse_to_start()
    {
        await using var host = AlertHost.Create(Settings(new() { ["Bot:MicrosoftAppId"] = "", ["Bot:MicrosoftAppPassword"] = "" }), resolveAlert: false);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains("Bot:MicrosoftAppId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabled_alerts_with_a_chat_id_instead_of_a_channel_id_refuse_to_start()
    {
        await using var host = AlertHost.Create(Settings(new() { ["AgentAlerts:Teams:ChannelId"] = "a:1personal-chat" }), resolveAlert: false);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains("must be a Teams channel id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_alerts_register_nothing_and_check_nothing()
    {
        await using var host = AlertHost.Create(new Dictionary<string, string?>
        {
            ["AgentAlerts:Teams:Enabled"] = "false",
            ["AgentAlerts:Teams:ChannelId"] = "",
            ["AgentAlerts:Teams:ConsoleBaseUrl"] = "not a url",
        }, resolveAlert: false);

        await host.StartAsync();

        Assert.Empty(host.Services.GetServices<IAgentAlert>());
    }

    [Fact]
    public void Markdown_in_a_customer_name_cannot_become_a_link_or_formatting_on_the_card()
    {
        var attachment = TeamsAgentAlertCard.Create(
            Escalation(5, "ESC-MD0005", "[Take it here](https://phish.example/login) **urgent**\n- _Jane_ <b>"), new Uri("https://support.brightwave.example/agent?escalation=5"));

        var customer = Facts(attachment.Content!.AsObject())["Customer"];
        Assert.Contains("Take it here", customer, StringComparison.Ordinal);
        Assert.Contains("urgent", customer, StringComparison.Ordinal);
        Assert.DoesNotContain(customer, c => c is '[' or ']' or '*' or '_' or '<' or '>' or '\n' or '\r');
        Assert.Equal("\u200B- 1 item", TeamsAgentAlertCard.PlainText("- 1 item"));
        Assert.Equal("\u200B3. item", TeamsAgentAlertCard.PlainText("3. item"));
        Assert.Equal("Guest", Facts(Card(Escalation(6, "ESC-G00006", "")))["Customer"]);
    }

    private static JsonObject Card(EscalationSummary escalation) => TeamsAgentAlertCard.Create(escalation, new Uri(ConsoleBaseUrl)).Content!.AsObject();

    private static JsonObject Card(JsonNode activity)
    {
        var attachment = Assert.Single(activity["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        return attachment["content"]!.AsObject();
    }

    private static string Title(JsonNode activity) => Card(activity)["body"]![0]!["text"]!.GetValue<string>();

    private static Dictionary<string, string> Facts(JsonObject card) =>
        card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());

    private static EscalationSummary Escalation(int id, string reference, string customer) => new(
        id, reference, "Pending", "billing", 2, "NegativeSentiment", "Very negative message (sentiment -0.85)", customer, "Gold", "webchat",
        -0.85, "negative", CreatedAt, null, null, null, null, null, "I want my money back", CreatedAt, null, null, null);

    /// <summary>Answers the next create-conversation as Teams does when it posted the first activity.</summary>
    private void ConnectorPostsTheActivity(string activityId) =>
        channel.ScriptResponse(HttpStatusCode.Created, $$"""{"id":"{{AgentsChannelId}};messageid={{activityId}}","activityId":"{{activityId}}"}""");

    private async Task<IReadOnlyList<CapturedRequest>> WaitForCallsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (channel.ConnectorCalls.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var calls = channel.ConnectorCalls;
        Assert.True(calls.Count >= count, $"Expected {count} Connector calls within 15 s, got {calls.Count}.");
        return calls;
    }

    private Dictionary<string, string?> Settings(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppId"] = FakeChannel.AppId,
            ["Bot:MicrosoftAppPassword"] = "s3cret",
            ["AgentAlerts:Teams:Enabled"] = "true",
            ["AgentAlerts:Teams:ServiceUrl"] = channel.ServiceUrl,
            ["AgentAlerts:Teams:ChannelId"] = AgentsChannelId,
            ["AgentAlerts:Teams:TenantId"] = FakeChannel.TenantId,
            ["AgentAlerts:Teams:ConsoleBaseUrl"] = ConsoleBaseUrl,
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private sealed record LogEntry(string Category, LogLevel Level, string Message);

    /// <summary>A generic host with the Bot Connector and the Teams alert registered as the app registers them.</summary>
    private sealed class AlertHost : IAsyncDisposable
    {
        private readonly IHost host;
        private readonly LogCollector logs;
        private bool started;

        private AlertHost(IHost host, LogCollector logs, bool resolveAlert)
        {
            this.host = host;
            this.logs = logs;
            Alert = resolveAlert ? host.Services.GetRequiredService<TeamsAgentAlert>() : null!;
        }

        public TeamsAgentAlert Alert { get; }

        public IServiceProvider Services => host.Services;

        public IReadOnlyList<LogEntry> Logs => [.. logs.Entries];

        public static AlertHost Create(Dictionary<string, string?> settings, bool resolveAlert = true)
        {
            var logs = new LogCollector();
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
            builder.Services.AddBotFrameworkConnector(builder.Configuration);
            builder.Services.AddHttpClient(MsalConnectorTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new FakeTokenEndpoint());
            builder.Services.AddTeamsAgentAlerts(builder.Configuration);
            return new AlertHost(builder.Build(), logs, resolveAlert);
        }

        public static async Task<AlertHost> StartAsync(Dictionary<string, string?> settings)
        {
            var host = Create(settings);
            await host.StartAsync();
            return host;
        }

        public async Task StartAsync()
        {
            await host.StartAsync();
            started = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (started)
            {
                await host.StopAsync();
            }

            host.Dispose();
        }
    }

    /// <summary>The whole app (the suite's store, a temporary data folder) with the alert enabled.</summary>
    private sealed class AlertingApp(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "crmbot-alerts-" + Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(AppContext.BaseDirectory);
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("DemoHistory:Days", "0");
            foreach (var (key, value) in TestDatabases.SettingsFor(dataDirectory, seededAt: DateTimeOffset.UtcNow))
            {
                builder.UseSetting(key, value);
            }
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
                services.AddHttpClient(MsalConnectorTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new FakeTokenEndpoint()));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            TestDirectories.Delete(dataDirectory);
        }
    }

    private sealed class LogCollector : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception)));
        }
    }

    /// <summary>MSAL's token endpoint (digest §3.3).</summary>
    private sealed class FakeTokenEndpoint : HttpMessageHandler
    {
        private int issued;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var json = $$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"minted-{{Interlocked.Increment(ref issued)}}"}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }
}

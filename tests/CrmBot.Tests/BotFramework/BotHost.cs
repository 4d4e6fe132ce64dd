using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CrmBot.BotFramework;
using CrmBot.BotFramework.Authentication;
using CrmBot.BotFramework.Builder;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmBot.Tests.BotFramework;

/// <summary>
/// A minimal ASP.NET Core host (TestServer) wired with <c>AddBotFrameworkConnector</c> and <c>POST /api/messages</c> →
/// <see cref="CloudAdapter.ProcessAsync"/>, as the real app does; Connector calls go over real HTTP to the fake channel.
/// </summary>
public sealed class BotHost : IAsyncDisposable
{
    public const string OutboundToken = "outbound-test-token";

    private readonly WebApplication app;

    private BotHost(WebApplication app)
    {
        this.app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>Secured like production: app id set, keys from the fake channel, outbound token substituted.</summary>
    public static Task<BotHost> StartSecuredAsync(FakeChannel channel, IBot bot, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null) =>
        StartAsync(bot, Settings(channel, new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppId"] = FakeChannel.AppId,
            ["Bot:MicrosoftAppPassword"] = "not-used-by-the-fake-token-provider",
        }, settings), Environments.Production, IPAddress.Loopback, logs,
            services => services.Replace(ServiceDescriptor.Singleton<IConnectorTokenProvider>(new FixedTokenProvider(OutboundToken))));

    /// <summary>
    /// Development mode: no app id, so no inbound token is needed and none is sent. Requests come from
    /// <paramref name="caller"/> (this machine unless told) to a host in <paramref name="environment"/>.
    /// </summary>
    public static Task<BotHost> StartDevelopmentAsync(
        FakeChannel channel, IBot bot, IDictionary<string, string?>? settings = null, IPAddress? caller = null, string? environment = null) =>
        StartAsync(bot, Settings(channel, [], settings), environment ?? Environments.Production, caller ?? IPAddress.Loopback, logs: null, configure: null);

    public async Task<HttpResponseMessage> PostAsync(string json, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(FakeChannel channel, Dictionary<string, string?> mode, IDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>(mode)
        {
            ["Bot:OpenIdMetadataUrl"] = channel.OpenIdMetadataUrl,
            ["Bot:EntraOpenIdMetadataUrl"] = channel.EntraOpenIdMetadataUrl,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<BotHost> StartAsync(
        IBot bot, Dictionary<string, string?> settings, string environment, IPAddress caller, ILoggerProvider? logs, Action<IServiceCollection>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = environment });
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseTestServer();
        builder.Services.AddBotFrameworkConnector(builder.Configuration);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        // TestServer has no network connection: the caller's address is the test's to choose.
        app.Use((http, next) =>
        {
            http.Connection.RemoteIpAddress = caller;
            return next(http);
        });
        app.MapPost("/api/messages", (HttpContext http, CloudAdapter adapter) => adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted));
        await app.StartAsync();
        return new BotHost(app);
    }

    private sealed class FixedTokenProvider(string token) : IConnectorTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(token);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CrmBot.BotFramework;
using CrmBot.BotFramework.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.BotFramework;

/// <summary>Outbound client-credential tokens through MSAL, with the token endpoint played by a fake handler (digest §3.3).</summary>
public sealed class TokenProviderTests
{
    [Fact]
    public async Task Multi_tenant_bot_gets_its_token_from_the_botframework_tenant_once_per_lifetime()
    {
        var endpoint = new FakeTokenEndpoint();
        await using var services = Services(endpoint, new()
        {
            ["Bot:MicrosoftAppId"] = FakeChannel.AppId,
            ["Bot:MicrosoftAppPassword"] = "s3cret",
        });
        var provider = services.GetRequiredService<IConnectorTokenProvider>();

        var first = await provider.GetAccessTokenAsync(CancellationToken.None);
        var second = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("minted-1", first);
        Assert.Equal(first, second);
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", request.Url);
        Assert.Contains("grant_type=client_credentials", request.Body, StringComparison.Ordinal);
        Assert.Contains($"client_id={FakeChannel.AppId}", request.Body, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_tenant_bot_gets_its_token_from_its_own_tenant()
    {
        var endpoint = new FakeTokenEndpoint();
        await using var services = Services(endpoint, new()
        {
            ["Bot:MicrosoftAppId"] = FakeChannel.AppId,
            ["Bot:MicrosoftAppPassword"] = "s3cret",
            ["Bot:MicrosoftAppType"] = "SingleTenant",
            ["Bot:MicrosoftAppTenantId"] = FakeChannel.TenantId,
        });

        await services.GetRequiredService<IConnectorTokenProvider>().GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal($"https://login.microsoftonline.com/{FakeChannel.TenantId}/oauth2/v2.0/token", Assert.Single(endpoint.Requests).Url);
    }

    [Fact]
    public async Task Development_mode_has_no_outbound_token()
    {
        var endpoint = new FakeTokenEndpoint();
        await using var services = Services(endpoint, []);

        Assert.Null(await services.GetRequiredService<IConnectorTokenProvider>().GetAccessTokenAsync(CancellationToken.None));
        Assert.Empty(endpoint.Requests);
    }

    private static ServiceProvider Services(FakeTokenEndpoint endpoint, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddBotFrameworkConnector(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddHttpClient(MsalConnectorTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => endpoint);
        return services.BuildServiceProvider();
    }

    private sealed record TokenRequest(string Url, string Body);

    private sealed class FakeTokenEndpoint : HttpMessageHandler
    {
        private readonly ConcurrentQueue<TokenRequest> requests = new();

        public IReadOnlyList<TokenRequest> Requests => [.. requests];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            requests.Enqueue(new TokenRequest(request.RequestUri!.GetLeftPart(UriPartial.Path), body));
            var json = $$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"minted-{{requests.Count}}"}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}

using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace CrmBot.BotFramework.Authentication;

/// <summary>
/// Outbound tokens for the Connector through MSAL (digest §3.3): client credentials against the botframework.com
/// tenant (MultiTenant) or the bot's tenant (SingleTenant), or the host's user-assigned managed identity.
/// MSAL's in-memory app token cache returns the cached token until shortly before it expires, so the token endpoint
/// is called once per token lifetime. Thread-safe singleton: the MSAL application is built once and is thread-safe.
/// </summary>
public sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    /// <summary>Name of the HttpClient MSAL uses for the token endpoint.</summary>
    public const string HttpClientName = "CrmBot.BotFramework.Msal";

    private readonly BotOptions options;
    private readonly Lazy<IConfidentialClientApplication>? confidentialClient;
    private readonly Lazy<IManagedIdentityApplication>? managedIdentity;

    public MsalConnectorTokenProvider(IOptions<BotOptions> options, IHttpClientFactory httpClientFactory)
    {
        this.options = options.Value;
        if (this.options.IsAuthenticationDisabled)
        {
            return;
        }

        var msalHttp = new MsalHttpClientFactory(httpClientFactory);
        var appId = this.options.MicrosoftAppId!;
        if (this.options.MicrosoftAppType == BotAppType.UserAssignedMSI)
        {
            managedIdentity = new(() => ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(appId))
                .WithHttpClientFactory(msalHttp)
                .Build());
        }
        else
        {
            confidentialClient = new(() => ConfidentialClientApplicationBuilder
                .Create(appId)
                .WithClientSecret(this.options.MicrosoftAppPassword)
                .WithAuthority(this.options.LoginAuthority)
                // botframework.com and tenant authorities are plain Entra authorities; skipping instance discovery
                // saves a network round trip and lets tests answer the token endpoint alone.
                .WithInstanceDiscovery(false)
                .WithHttpClientFactory(msalHttp)
                .Build());
        }
    }

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var resource = options.ToChannelFromBotOAuthScope.TrimEnd('/');
        if (confidentialClient is not null)
        {
            var result = await confidentialClient.Value.AcquireTokenForClient([resource + "/.default"]).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }

        if (managedIdentity is not null)
        {
            var result = await managedIdentity.Value.AcquireTokenForManagedIdentity(resource).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }

        return null;
    }
}

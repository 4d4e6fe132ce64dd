namespace CrmBot.BotFramework.Authentication;

/// <summary>
/// The <c>Bot</c> section of appsettings.json. Key names are those Azure Bot Service and the Bot Framework SDK use
/// (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppType</c>, <c>MicrosoftAppTenantId</c>), so settings
/// copied from the Azure portal work unchanged. An empty <see cref="MicrosoftAppId"/> is development mode (digest §3.2).
/// </summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>The Azure Bot's app (client) id, a GUID. Empty: no inbound token is required and no outbound token is sent.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>Client secret for <see cref="BotAppType.MultiTenant"/> and <see cref="BotAppType.SingleTenant"/>; keep it out of the repository.</summary>
    public string? MicrosoftAppPassword { get; set; }

    public BotAppType MicrosoftAppType { get; set; } = BotAppType.MultiTenant;

    /// <summary>Home tenant of a single-tenant or managed-identity bot, a GUID.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>OpenID metadata for channel tokens (the SDK's <c>BotOpenIdMetadata</c>); tests point it at their own keys.</summary>
    public string OpenIdMetadataUrl { get; set; } = AuthenticationConstants.BotFrameworkOpenIdMetadataUrl;

    /// <summary>OpenID metadata for tokens issued by Entra ID to this bot's app id (Emulator, tenant-issued tokens).</summary>
    public string EntraOpenIdMetadataUrl { get; set; } = AuthenticationConstants.EntraOpenIdMetadataUrl;

    /// <summary>Authority for outbound tokens; empty means <c>https://login.microsoftonline.com/</c> + botframework.com or the tenant id, by app type.</summary>
    public string? ToChannelFromBotLoginUrl { get; set; }

    /// <summary>Audience of outbound tokens (resource of the Connector).</summary>
    public string ToChannelFromBotOAuthScope { get; set; } = AuthenticationConstants.ToChannelFromBotOAuthScope;

    /// <summary>Tolerated clock difference on inbound token lifetimes; 5 minutes as the SDK (digest §3.1 step 3).</summary>
    public TimeSpan TokenClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries of a Connector call on 408/412/429/5xx; the SDK allows up to 10, Teams asks for back-off (digest §2.2).</summary>
    public int ConnectorMaxRetries { get; set; } = 3;

    /// <summary>Upper bound on one Connector call including its retries.</summary>
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Largest activity <c>/api/messages</c> takes, in bytes of JSON (default 256 KB); larger posts get 413. Channel
    /// activities are a few KB, cards included; the limit keeps a caller from making the bot buffer megabytes.
    /// </summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// In development mode (no app id), where replies may go: serviceUrl prefixes (scheme, host, port, start of the
    /// path). Empty: this machine only (localhost, 127.0.0.1, [::1], any port), for the Emulator and tests. Without a
    /// token nothing vouches for an activity's serviceUrl, so an open list would let any caller make the bot post
    /// wherever it names. With an app id the channel's token vouches for it and this list is not used.
    /// </summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    /// <summary>True when no app id is set: the SDK's IsAuthenticationDisabled.</summary>
    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Authority for client-credential tokens (digest §3.3 table).</summary>
    public string LoginAuthority =>
        !string.IsNullOrWhiteSpace(ToChannelFromBotLoginUrl)
            ? ToChannelFromBotLoginUrl.TrimEnd('/')
            : $"{AuthenticationConstants.LoginAuthorityHost}/{(MicrosoftAppType == BotAppType.MultiTenant ? AuthenticationConstants.MultiTenantLoginTenant : MicrosoftAppTenantId)}";

    /// <summary>Whether development mode may send replies to <paramref name="serviceUrl"/> (<see cref="AllowedServiceUrls"/>).</summary>
    public bool AllowsServiceUrl(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        return AllowedServiceUrls.Count == 0
            ? url.IsLoopback
            : AllowedServiceUrls.Any(allowed => Uri.TryCreate(allowed, UriKind.Absolute, out var prefix)
                && url.Scheme == prefix.Scheme
                && string.Equals(url.IdnHost, prefix.IdnHost, StringComparison.OrdinalIgnoreCase)
                && url.Port == prefix.Port
                && url.AbsolutePath.StartsWith(prefix.AbsolutePath, StringComparison.Ordinal));
    }
}

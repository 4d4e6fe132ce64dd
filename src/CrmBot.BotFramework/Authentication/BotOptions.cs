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

    /// <summary>True when no app id is set: the SDK's IsAuthenticationDisabled.</summary>
    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Authority for client-credential tokens (digest §3.3 table).</summary>
    public string LoginAuthority =>
        !string.IsNullOrWhiteSpace(ToChannelFromBotLoginUrl)
            ? ToChannelFromBotLoginUrl.TrimEnd('/')
            : $"{AuthenticationConstants.LoginAuthorityHost}/{(MicrosoftAppType == BotAppType.MultiTenant ? AuthenticationConstants.MultiTenantLoginTenant : MicrosoftAppTenantId)}";
}

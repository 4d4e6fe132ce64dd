namespace CrmBot.BotFramework.Authentication;

/// <summary>Well-known Bot Framework authentication values (SDK: Microsoft.Bot.Connector.Authentication.AuthenticationConstants; digest §3).</summary>
public static class AuthenticationConstants
{
    /// <summary>Issuer of the tokens Azure Bot Service channels (Teams, Direct Line, Web Chat) send to the bot.</summary>
    public const string BotFrameworkTokenIssuer = "https://api.botframework.com";

    /// <summary>OpenID metadata of the channel tokens; its <c>jwks_uri</c> lists the signing keys with their endorsements.</summary>
    public const string BotFrameworkOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Microsoft Entra ID metadata for tokens issued to the bot's own app id (Emulator, single-tenant callers). The SDK uses the common v2 document (ambiguity A6).</summary>
    public const string EntraOpenIdMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Where bot tokens for the Connector are issued (multi-tenant bots use the botframework.com tenant).</summary>
    public const string LoginAuthorityHost = "https://login.microsoftonline.com";

    public const string MultiTenantLoginTenant = "botframework.com";

    /// <summary>Audience of tokens the bot sends to the Connector; the client-credentials scope is this plus <c>/.default</c>.</summary>
    public const string ToChannelFromBotOAuthScope = "https://api.botframework.com";

    /// <summary>Caller id the adapter records for a request proven to come from Azure Bot Service (Appendix V); never read from the wire (A2251).</summary>
    public const string AzureBotServiceCallerId = "urn:botframework:azure";

    /// <summary>Claim carrying the serviceUrl the channel vouches for; it must equal the activity's serviceUrl.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    public const string AppIdClaim = "appid";
    public const string AuthorizedPartyClaim = "azp";
    public const string VersionClaim = "ver";

    /// <summary>Entra issuer templates; {0} is a tenant id.</summary>
    public const string EntraIssuerV1Template = "https://sts.windows.net/{0}/";
    public const string EntraIssuerV2Template = "https://login.microsoftonline.com/{0}/v2.0";

    /// <summary>Tenants whose tokens the Bot Framework Emulator presents (digest §3.1 step 6).</summary>
    public static IReadOnlyList<string> EmulatorTenantIds { get; } =
        ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    /// <summary>The SDK's AllowedSigningAlgorithms: RSA only, so HS256 tokens keyed with a public value and <c>alg: none</c> are refused.</summary>
    public static IReadOnlyList<string> AllowedSigningAlgorithms { get; } = ["RS256", "RS384", "RS512"];
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using CrmBot.BotFramework.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CrmBot.BotFramework.Authentication;

/// <summary>
/// Validates the JWT a channel sends with every activity (digest §3.1; SDK JwtTokenValidation, ChannelValidation,
/// EmulatorValidation, EndorsementsValidator). Signing keys come from OpenID metadata and are cached by
/// <see cref="ConfigurationManager{T}"/>, which refreshes them periodically and on an unknown key id.
/// Unreachable metadata makes a request "unavailable, retry later" rather than an error, and is logged once per outage.
/// Thread-safe singleton: its state is the two configuration managers, thread-safe by design, and a concurrent set.
/// </summary>
public sealed partial class BotFrameworkAuthenticator
{
    /// <summary>Name of the HttpClient that fetches OpenID metadata and keys.</summary>
    public const string MetadataHttpClientName = "CrmBot.BotFramework.OpenIdMetadata";

    private readonly BotOptions options;
    private readonly ILogger<BotFrameworkAuthenticator> logger;
    private readonly JsonWebTokenHandler handler = new();
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? channelMetadata;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? entraMetadata;
    private readonly HashSet<string> entraIssuers = new(StringComparer.Ordinal);

    // Metadata addresses that failed their last fetch, so an outage is logged when it starts and ends, not per request.
    private readonly ConcurrentDictionary<string, byte> unreachableMetadata = new(StringComparer.Ordinal);

    public BotFrameworkAuthenticator(IOptions<BotOptions> options, IHttpClientFactory httpClientFactory, ILogger<BotFrameworkAuthenticator> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        if (this.options.IsAuthenticationDisabled)
        {
            return;
        }

        channelMetadata = CreateMetadataManager(this.options.OpenIdMetadataUrl, httpClientFactory);
        entraMetadata = CreateMetadataManager(this.options.EntraOpenIdMetadataUrl, httpClientFactory);

        // Entra-issued tokens: the Emulator's tenants always (as the SDK), plus the bot's own tenant for single-tenant
        // and managed-identity bots, whose callers get tokens from that tenant.
        var tenants = AuthenticationConstants.EmulatorTenantIds.ToList();
        if (!string.IsNullOrWhiteSpace(this.options.MicrosoftAppTenantId))
        {
            tenants.Add(this.options.MicrosoftAppTenantId);
        }

        foreach (var tenant in tenants)
        {
            entraIssuers.Add(string.Format(CultureInfo.InvariantCulture, AuthenticationConstants.EntraIssuerV1Template, tenant));
            entraIssuers.Add(string.Format(CultureInfo.InvariantCulture, AuthenticationConstants.EntraIssuerV2Template, tenant));
        }
    }

    public bool IsAuthenticationDisabled => options.IsAuthenticationDisabled;

    /// <summary>Checks the token and then that it vouches for this activity (SDK JwtTokenValidation.AuthenticateRequest).</summary>
    public async Task<BotAuthenticationResult> AuthenticateRequestAsync(Activity activity, string? authorizationHeader, CancellationToken cancellationToken)
    {
        var result = await AuthenticateTokenAsync(authorizationHeader, cancellationToken);
        return result.IsAuthenticated ? AuthorizeActivity(result, activity) : result;
    }

    /// <summary>
    /// Validates the <c>Authorization</c> header alone, so an unauthenticated caller is refused before the body is read.
    /// Follow with <see cref="AuthorizeActivity"/> once the activity is parsed.
    /// </summary>
    public async Task<BotAuthenticationResult> AuthenticateTokenAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return options.IsAuthenticationDisabled
                ? BotAuthenticationResult.Anonymous()
                : Fail("The request has no Authorization header; a Bot Framework bearer token is required.");
        }

        // The .NET SDK still validates a token sent to a bot without an app id, and that cannot succeed (ambiguity A7):
        // an unexpected token is a configuration mistake worth surfacing rather than ignoring.
        if (options.IsAuthenticationDisabled)
        {
            return Fail("Authentication is disabled (Bot:MicrosoftAppId is empty) but the request carries a token; configure the app id or send no token.");
        }

        if (!AuthenticationHeaderValue.TryParse(authorizationHeader, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return Fail("The Authorization header is not a bearer token.");
        }

        JsonWebToken token;
        try
        {
            token = handler.ReadJsonWebToken(header.Parameter);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return Fail("The bearer token is not a well-formed JWT.");
        }

        // The issuer only selects which keys to try; the validation below enforces it again against those keys.
        if (string.Equals(token.Issuer, AuthenticationConstants.BotFrameworkTokenIssuer, StringComparison.Ordinal))
        {
            return await ValidateChannelTokenAsync(token, cancellationToken);
        }

        if (entraIssuers.Contains(token.Issuer))
        {
            return await ValidateEntraTokenAsync(token, cancellationToken);
        }

        return Fail("The token's issuer is not trusted.");
    }

    /// <summary>
    /// The activity-dependent checks: a channel token's <c>serviceurl</c> claim must equal the activity's serviceUrl
    /// (compared ignoring case as the .NET SDK, ambiguity A5), and an endorsed signing key must be endorsed for the
    /// activity's channel (digest §3.1 steps 3–4).
    /// </summary>
    public BotAuthenticationResult AuthorizeActivity(BotAuthenticationResult result, Activity activity)
    {
        if (!result.IsAuthenticated || !result.IsChannelToken)
        {
            return result;
        }

        var serviceUrlClaim = result.Identity?.FindFirst(AuthenticationConstants.ServiceUrlClaim)?.Value;
        if (string.IsNullOrEmpty(serviceUrlClaim) || !string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return Fail("The token's serviceurl claim does not match the activity's serviceUrl.");
        }

        if (result.Endorsements.Count > 0 && !string.IsNullOrEmpty(activity.ChannelId) && !result.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return Fail($"The token's signing key is not endorsed for channel '{activity.ChannelId}'.");
        }

        return result;
    }

    private async Task<BotAuthenticationResult> ValidateChannelTokenAsync(JsonWebToken token, CancellationToken cancellationToken)
    {
        if (await ValidateAgainstAsync(channelMetadata!, token, [AuthenticationConstants.BotFrameworkTokenIssuer], cancellationToken) is not var (result, configuration))
        {
            return MetadataUnavailable;
        }

        if (!result.IsValid)
        {
            return Fail(Describe(result.Exception));
        }

        return BotAuthenticationResult.FromChannel(result.ClaimsIdentity, EndorsementsOf(configuration, token.Kid));
    }

    private async Task<BotAuthenticationResult> ValidateEntraTokenAsync(JsonWebToken token, CancellationToken cancellationToken)
    {
        if (await ValidateAgainstAsync(entraMetadata!, token, entraIssuers, cancellationToken) is not var (result, _))
        {
            return MetadataUnavailable;
        }

        if (!result.IsValid)
        {
            return Fail(Describe(result.Exception));
        }

        // The token must have been issued to this bot's own app id: v1 tokens name it in appid, v2 in azp (digest §3.1 step 6).
        var version = result.ClaimsIdentity.FindFirst(AuthenticationConstants.VersionClaim)?.Value;
        var appIdClaim = version switch
        {
            "1.0" => AuthenticationConstants.AppIdClaim,
            "2.0" => AuthenticationConstants.AuthorizedPartyClaim,
            _ => null,
        };
        var appId = appIdClaim is null ? null : result.ClaimsIdentity.FindFirst(appIdClaim)?.Value;
        return string.Equals(appId, options.MicrosoftAppId, StringComparison.OrdinalIgnoreCase)
            ? BotAuthenticationResult.FromEntra(result.ClaimsIdentity)
            : Fail("The token was not issued to this bot's app id.");
    }

    /// <summary>The token checked against the metadata's keys; null when the metadata cannot be fetched.</summary>
    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration Configuration)?> ValidateAgainstAsync(
        ConfigurationManager<OpenIdConnectConfiguration> metadata, JsonWebToken token, IEnumerable<string> issuers, CancellationToken cancellationToken)
    {
        if (await MetadataAsync(metadata, cancellationToken) is not { } configuration)
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(token, Parameters(configuration, issuers));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys roll over: an unknown kid asks for a fresh key set (rate-limited by the manager) and tries once more.
            metadata.RequestRefresh();
            if (await MetadataAsync(metadata, cancellationToken) is not { } refreshed)
            {
                return null;
            }

            configuration = refreshed;
            result = await handler.ValidateTokenAsync(token, Parameters(configuration, issuers));
        }

        return (result, configuration);
    }

    private async Task<OpenIdConnectConfiguration?> MetadataAsync(ConfigurationManager<OpenIdConnectConfiguration> metadata, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await metadata.GetConfigurationAsync(cancellationToken);
            if (unreachableMetadata.TryRemove(metadata.MetadataAddress, out _))
            {
                LogMetadataReachable(logger, metadata.MetadataAddress);
            }

            return configuration;
        }
        catch (InvalidOperationException ex)
        {
            // The manager reports every failed fetch or unreadable document this way (IDX20803), with the cause inside;
            // once it has keys it keeps serving them through later failures, so this means it has none to check with.
            if (unreachableMetadata.TryAdd(metadata.MetadataAddress, 0))
            {
                LogMetadataUnreachable(logger, metadata.MetadataAddress, ex.GetBaseException().Message);
            }

            return null;
        }
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, IEnumerable<string> issuers) => new()
    {
        ValidIssuers = issuers,
        ValidAudience = options.MicrosoftAppId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = AuthenticationConstants.AllowedSigningAlgorithms,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = options.TokenClockSkew,
    };

    private static IReadOnlyList<string> EndorsementsOf(OpenIdConnectConfiguration configuration, string? keyId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            IEnumerable<object> items => [.. items.Select(i => i.ToString()!).Where(s => s.Length > 0)],
            _ => [],
        };
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token's audience is not this bot's app id.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not allowed.",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with an unknown key.",
        SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        _ => "The token is not valid.",
    };

    private ConfigurationManager<OpenIdConnectConfiguration> CreateMetadataManager(string url, IHttpClientFactory httpClientFactory)
    {
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(MetadataHttpClientName))
        {
            // Options validation allows plain http only on loopback (tests serve their own keys there).
            RequireHttps = !new Uri(url).IsLoopback,
        };

        // The default automatic refresh (12 h) keeps keys fresher than the SDK's 24 h minimum (digest §3.1 step 2).
        return new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    // The manager tries the fetch again on later requests; 30 s asks a retrying channel to give it that long.
    private static BotAuthenticationResult MetadataUnavailable { get; } = BotAuthenticationResult.Unavailable(
        "The bot cannot check tokens right now: the OpenID metadata with the signing keys is unreachable. Try again later.", TimeSpan.FromSeconds(30));

    private BotAuthenticationResult Fail(string reason)
    {
        LogRejected(logger, reason);
        return BotAuthenticationResult.Failed(reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a Bot Framework request: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID metadata {Address} is unreachable ({Cause}); requests with a token get 503 until it can be fetched")]
    private static partial void LogMetadataUnreachable(ILogger logger, string address, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenID metadata {Address} is reachable again")]
    private static partial void LogMetadataReachable(ILogger logger, string address);
}

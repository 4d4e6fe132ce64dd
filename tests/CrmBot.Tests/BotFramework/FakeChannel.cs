using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmBot.Tests.BotFramework;

/// <summary>
/// Plays Azure Bot Service on a real Kestrel at 127.0.0.1:{random port}: serves OpenID metadata and signing keys (with
/// endorsements) for the bot's authenticator, mints tokens with those keys, and records every Connector call.
/// Connector answers can be scripted per call; unscripted calls get 200 <c>{ "id": "reply-N" }</c>.
/// </summary>
public sealed class FakeChannel : IAsyncDisposable
{
    public const string AppId = "3e0c58a7-7d1b-4a44-9b7a-1d8f9e2c6b10";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string KeyId = "channel-key-1";

    private readonly WebApplication app;
    private readonly RSA rsa = RSA.Create(2048);
    private readonly ConcurrentQueue<Func<HttpResponse, Task>> scripted = new();
    private readonly ConcurrentQueue<CapturedRequest> requests = new();
    private int replyCounter;

    private FakeChannel(WebApplication app, string[] endorsements)
    {
        this.app = app;
        Endorsements = endorsements;
        SigningKey = new RsaSecurityKey(rsa) { KeyId = KeyId };
    }

    public string BaseUrl => app.Urls.First().TrimEnd('/');

    /// <summary>Shaped like a Teams serviceUrl (a path below the host, with a trailing slash).</summary>
    public string ServiceUrl => BaseUrl + "/amer/";

    public string OpenIdMetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    public string EntraOpenIdMetadataUrl => BaseUrl + "/entra/v2.0/.well-known/openid-configuration";

    public RsaSecurityKey SigningKey { get; }

    public string[] Endorsements { get; }

    public IReadOnlyList<CapturedRequest> Requests => [.. requests];

    /// <summary>Connector calls only (metadata fetches left out).</summary>
    public IReadOnlyList<CapturedRequest> ConnectorCalls => [.. requests.Where(r => r.Path.Contains("/v3/", StringComparison.Ordinal))];

    public static async Task<FakeChannel> StartAsync(params string[] endorsements)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var channel = new FakeChannel(app, endorsements.Length == 0 ? ["msteams"] : endorsements);
        app.Run(channel.HandleAsync);
        await app.StartAsync();
        return channel;
    }

    /// <summary>The next Connector call gets this status (and Retry-After seconds, body) instead of a 200.</summary>
    public void ScriptResponse(HttpStatusCode status, string? body = null, int? retryAfterSeconds = null) =>
        scripted.Enqueue(async response =>
        {
            response.StatusCode = (int)status;
            if (retryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            response.Headers["X-Correlating-OperationId"] = "op-123";
            if (body is not null)
            {
                response.ContentType = "application/json";
                await response.WriteAsync(body);
            }
        });

    /// <summary>A channel token as Azure Bot Service would send it; every argument can be spoiled for a negative test.</summary>
    public string CreateToken(
        string? audience = AppId,
        string issuer = AuthenticationConstants.BotFrameworkTokenIssuer,
        string? serviceUrl = null,
        TimeSpan? expiresIn = null,
        SigningCredentials? signingCredentials = null,
        IDictionary<string, object>? extraClaims = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(60));
        var claims = new Dictionary<string, object> { [AuthenticationConstants.ServiceUrlClaim] = serviceUrl ?? ServiceUrl };
        foreach (var (key, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[key] = value;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires - TimeSpan.FromHours(1) : now,
            NotBefore = expires < now ? expires - TimeSpan.FromHours(1) : now,
            Expires = expires,
            Claims = claims,
            SigningCredentials = signingCredentials ?? new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token with <c>alg: none</c> and no signature, which a careless validator would accept.</summary>
    public string CreateUnsignedToken()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode($$"""{"iss":"{{AuthenticationConstants.BotFrameworkTokenIssuer}}","aud":"{{AppId}}","exp":{{exp}},"serviceurl":"{{ServiceUrl}}"}""");
        return $"{header}.{payload}.";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        rsa.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        requests.Enqueue(new CapturedRequest(request.Method, rawTarget, request.Headers.Authorization.ToString(), body));

        switch (request.Path.Value)
        {
            case "/v1/.well-known/openidconfiguration":
                await context.Response.WriteAsJsonAsync(Metadata(AuthenticationConstants.BotFrameworkTokenIssuer, "/v1/.well-known/keys"));
                return;
            case "/entra/v2.0/.well-known/openid-configuration":
                await context.Response.WriteAsJsonAsync(Metadata("https://login.microsoftonline.com/{tenantid}/v2.0", "/entra/keys"));
                return;
            case "/v1/.well-known/keys":
                await context.Response.WriteAsJsonAsync(Keys(Endorsements));
                return;
            case "/entra/keys":
                await context.Response.WriteAsJsonAsync(Keys([]));
                return;
        }

        if (scripted.TryDequeue(out var respond))
        {
            await respond(context.Response);
            return;
        }

        var id = Interlocked.Increment(ref replyCounter);
        await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = request.Path.Value!.EndsWith("/v3/conversations", StringComparison.Ordinal) ? "a:created-conversation" : $"reply-{id}" });
    }

    private JsonObject Metadata(string issuer, string keysPath) => new()
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = BaseUrl + "/authorize",
        ["jwks_uri"] = BaseUrl + keysPath,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    };

    private JsonObject Keys(string[] endorsements)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements.Length > 0)
        {
            key["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]);
        }

        return new JsonObject { ["keys"] = new JsonArray(key) };
    }
}

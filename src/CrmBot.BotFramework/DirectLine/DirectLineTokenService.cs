using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Mints and checks our Direct Line tokens: JWTs signed with HMAC-SHA256 under a key derived from the secret, carrying
/// <c>conv</c> (the one conversation the token opens), <c>user</c> (the user id it speaks as) and <c>exp</c>. The token
/// format is ours to choose (digest §4.2); a JWT with a <c>user</c> claim is what Web Chat decodes to learn its user id.
/// Thread-safe: immutable after construction.
/// </summary>
public sealed class DirectLineTokenService
{
    private const string Issuer = "crmbot-directline";
    private const string ConversationClaim = "conv";
    private const string UserClaim = "user";
    private const string ScopeClaim = "scope";
    private const string ConversationScope = "conversation";
    private const string StreamScope = "stream";

    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey signingKey;
    private readonly byte[] secretHash;
    private readonly TokenValidationParameters validation;
    private readonly DirectLineOptions options;
    private readonly TimeProvider time;

    public DirectLineTokenService(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        var secret = Encoding.UTF8.GetBytes(this.options.Secret ?? throw new InvalidOperationException("DirectLine:Secret is not set."));
        secretHash = SHA256.HashData(secret);
        // A key derived for this one purpose (HKDF), so the secret itself never signs anything and any later use of
        // the secret gets a key of its own.
        signingKey = new SymmetricSecurityKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: "CrmBot Direct Line token signing v1"u8.ToArray()));
        validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = signingKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            // Expiry is checked below against the injected TimeProvider, so it is testable and has no hidden skew.
            ValidateLifetime = false,
        };
    }

    /// <summary>
    /// A token for a brand-new conversation, as <c>POST /v3/directline/tokens/generate</c> answers; for a web page's own
    /// back end that mints tokens in-process. Without a user id one is generated (<c>dl_…</c>), so the client cannot
    /// choose whom it speaks as.
    /// </summary>
    public ConversationResponse GenerateConversation(string? userId = null)
    {
        var conversationId = DirectLineIds.NewConversationId();
        return new ConversationResponse(conversationId, IssueToken(conversationId, userId ?? DirectLineIds.NewUserId()), ExpiresInSeconds);
    }

    internal int ExpiresInSeconds => (int)options.TokenLifetime.TotalSeconds;

    internal string IssueToken(string conversationId, string? userId) => Issue(conversationId, userId, ConversationScope, options.TokenLifetime);

    /// <summary>Only opens the WebSocket of <paramref name="conversationId"/> and only for a short while: it travels in a URL.</summary>
    internal string IssueStreamToken(string conversationId, string? userId) => Issue(conversationId, userId, StreamScope, options.StreamTokenLifetime);

    internal bool IsSecret(string value) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(value)), secretHash);

    internal Task<DirectLineTokenCheck> CheckTokenAsync(string token) => CheckAsync(token, ConversationScope);

    internal Task<DirectLineTokenCheck> CheckStreamTokenAsync(string token) => CheckAsync(token, StreamScope);

    private string Issue(string conversationId, string? userId, string scope, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            [ConversationClaim] = conversationId,
            [ScopeClaim] = scope,
            [JwtRegisteredClaimNames.Jti] = DirectLineIds.NewConversationId(),
        };
        if (userId is not null)
        {
            claims[UserClaim] = userId;
        }
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<DirectLineTokenCheck> CheckAsync(string token, string scope)
    {
        if (!handler.CanReadToken(token))
        {
            return DirectLineTokenCheck.Invalid;
        }
        var result = await handler.ValidateTokenAsync(token, validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>(ScopeClaim, out var tokenScope) || tokenScope != scope
            || !jwt.TryGetPayloadValue<string>(ConversationClaim, out var conversationId) || !DirectLineIds.IsConversationId(conversationId))
        {
            return DirectLineTokenCheck.Invalid;
        }
        if (jwt.ValidTo <= time.GetUtcNow().UtcDateTime)
        {
            return DirectLineTokenCheck.Expired;
        }
        jwt.TryGetPayloadValue<string>(UserClaim, out var userId);
        return new DirectLineTokenCheck(DirectLineTokenStatus.Valid, conversationId, userId);
    }
}

using System.Security.Claims;

namespace CrmBot.BotFramework.Authentication;

/// <summary>The outcome of checking an inbound request's bearer token (and, once the body is read, its activity).</summary>
public sealed record BotAuthenticationResult
{
    public bool IsAuthenticated { get; private init; }

    /// <summary>Why the request was refused; safe to return to the caller (it never echoes token contents).</summary>
    public string? FailureReason { get; private init; }

    /// <summary>
    /// Set when the token could not be checked at all (the signing keys' metadata is unreachable): how long to wait
    /// before trying again. Such a refusal says nothing about the token, so it is not a 401.
    /// </summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Claims of the validated token; null in development mode.</summary>
    public ClaimsIdentity? Identity { get; private init; }

    /// <summary>True when no app id is configured and the request carried no token (development mode, digest §3.2).</summary>
    public bool IsAnonymous { get; private init; }

    /// <summary>Set to <c>urn:botframework:azure</c> for tokens issued by Azure Bot Service (Appendix V).</summary>
    public string? CallerId { get; private init; }

    /// <summary>True when the token came from a Bot Framework channel, so its <c>serviceurl</c> claim must match the activity.</summary>
    public bool IsChannelToken { get; private init; }

    /// <summary>Channels the signing key is endorsed for; empty means any (SDK EndorsementsValidator).</summary>
    public IReadOnlyList<string> Endorsements { get; private init; } = [];

    public static BotAuthenticationResult Anonymous() => new() { IsAuthenticated = true, IsAnonymous = true };

    public static BotAuthenticationResult Failed(string reason) => new() { FailureReason = reason };

    public static BotAuthenticationResult Unavailable(string reason, TimeSpan retryAfter) => new() { FailureReason = reason, RetryAfter = retryAfter };

    public static BotAuthenticationResult FromChannel(ClaimsIdentity identity, IReadOnlyList<string> endorsements) => new()
    {
        IsAuthenticated = true,
        Identity = identity,
        IsChannelToken = true,
        CallerId = AuthenticationConstants.AzureBotServiceCallerId,
        Endorsements = endorsements,
    };

    public static BotAuthenticationResult FromEntra(ClaimsIdentity identity) => new() { IsAuthenticated = true, Identity = identity };
}

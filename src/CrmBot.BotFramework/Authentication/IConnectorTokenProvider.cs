namespace CrmBot.BotFramework.Authentication;

/// <summary>
/// Supplies the bearer token for calls to the Bot Connector (SDK: AppCredentials / ServiceClientCredentials).
/// A seam so tests can substitute token acquisition.
/// </summary>
public interface IConnectorTokenProvider
{
    /// <summary>A current access token, or null in development mode (no app id: send no Authorization header, digest §3.2).</summary>
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken);
}

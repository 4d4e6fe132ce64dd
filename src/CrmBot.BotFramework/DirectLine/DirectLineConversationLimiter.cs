using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Caps new conversations per client (an IP address) and minute, <see cref="DirectLineOptions.MaxConversationsPerMinute"/>.
/// Public so a host page that mints tokens in-process can apply the same cap. Behind a proxy the host must apply
/// forwarded headers, or every client shares the proxy's address. Thread-safe: the partitioned limiter is.
/// </summary>
public sealed class DirectLineConversationLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public DirectLineConversationLimiter(IOptions<DirectLineOptions> options)
    {
        var permits = options.Value.MaxConversationsPerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>True when <paramref name="clientKey"/> may create one more conversation now.</summary>
    public bool TryAcquire(string clientKey)
    {
        using var lease = limiter.AttemptAcquire(clientKey);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

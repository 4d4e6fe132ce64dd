using System.Net;
using CrmBot.BotFramework.Authentication;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace CrmBot.BotFramework.Connector;

/// <summary>
/// Retry policy for Connector calls (digest §2.2): retry 408, 412, 429 and 5xx except 501/505 (the SDK's transient set
/// plus Teams' rate-limit guidance) with exponential back-off and jitter, honouring the server's Retry-After capped at
/// 10 s as the SDK does; each attempt and the whole call are bounded. 404 is not retried (the SDK does): for us it
/// means a wrong conversation id, which waiting does not fix. 403 (user blocked the bot) is final.
/// </summary>
internal static class ConnectorResilience
{
    public const string PipelineName = "bot-connector";

    private static readonly TimeSpan MaxServerDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, BotOptions options, TimeProvider timeProvider)
    {
        pipeline.AddTimeout(options.ConnectorTimeout);
        if (options.ConnectorMaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.ConnectorMaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = MaxServerDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result: { } response } => IsTransient(response.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome.Result, timeProvider)),
            });
        }

        pipeline.AddTimeout(TimeSpan.FromTicks(Math.Min(AttemptTimeout.Ticks, options.ConnectorTimeout.Ticks)));
    }

    public static bool IsTransient(HttpStatusCode status) => status switch
    {
        HttpStatusCode.RequestTimeout or HttpStatusCode.PreconditionFailed or HttpStatusCode.TooManyRequests => true,
        HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported => false,
        _ => (int)status >= 500,
    };

    /// <summary>The Retry-After the server asked for (seconds or a date), capped; null falls back to exponential back-off.</summary>
    public static TimeSpan? ServerDelay(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var retryAfter = response?.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        if (delay is null)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxServerDelay ? MaxServerDelay : delay;
    }
}

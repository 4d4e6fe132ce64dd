using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrmBot.Channels;

/// <summary>
/// The cap on new web chat sessions per client address (<see cref="WebChatOptions.SessionsPerMinute"/>): a fixed
/// one-minute window per address. A refused client is told when the window frees (RFC 9110 §10.2.3) and why.
/// </summary>
public static class WebChatSessionLimit
{
    public static IServiceCollection AddWebChatSessionLimit(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            o.AddPolicy(WebChatOptions.SessionRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value.SessionsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var perMinute = http.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value.SessionsPerMinute;
        await Results.Problem(
            $"Too many chat sessions from your address: at most {perMinute} per minute. Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many chat sessions").ExecuteAsync(http);
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmBot.ScaleOut;

/// <summary>Healthy when Redis answers a PING now; only registered when the service is configured with Redis.</summary>
public sealed class RedisHealthCheck(RedisConnection redis, ILogger<RedisHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await (await redis.GetAsync()).GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis reachable ({latency.TotalMilliseconds:0.#} ms)");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reason stays in the log: the probe's answer is public.
            logger.LogWarning(e, "Redis health check failed");
            return HealthCheckResult.Unhealthy("Redis not reachable");
        }
    }
}

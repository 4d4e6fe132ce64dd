using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CrmBot.ScaleOut;

/// <summary>
/// The process's one connection to Redis, opened on first use and shared by everything that talks to Redis
/// (StackExchange.Redis multiplexes it and reconnects by itself). Thread-safe.
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> connection = new(() => ConnectAsync(options.Value, logger));

    public RedisOptions Options => options.Value;

    public Task<IConnectionMultiplexer> GetAsync() => connection.Value;

    private static async Task<IConnectionMultiplexer> ConnectAsync(RedisOptions options, ILogger logger)
    {
        var configuration = ConfigurationOptions.Parse(options.ConnectionString);
        // Start even when Redis is down for a moment; the ready probe says so, and the multiplexer keeps trying.
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= options.Prefix;
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        multiplexer.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection failed ({FailureType})", e.FailureType);
        multiplexer.ConnectionRestored += (_, e) => logger.LogInformation("Redis connection restored");
        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (connection.IsValueCreated && connection.Value.IsCompletedSuccessfully)
        {
            await connection.Value.Result.DisposeAsync();
        }
    }
}

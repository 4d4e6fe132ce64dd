using CrmBot.ScaleOut;
using CrmBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.ScaleOut;

/// <summary>One throwaway redis-server for the tests of a class; each test takes its own key prefix.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? server;

    public RedisServer Server => server ?? throw new InvalidOperationException("Redis has not started.");

    public async Task InitializeAsync() => server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
    }

    /// <summary>A connection of its own, as a separate instance of the service would have.</summary>
    public RedisConnection Connect(string prefix, TimeSpan? leaseTime = null, string instanceId = "") =>
        new(Options(prefix, leaseTime, instanceId), NullLogger<RedisConnection>.Instance);

    public IOptions<RedisOptions> Options(string prefix, TimeSpan? leaseTime = null, string instanceId = "") =>
        Microsoft.Extensions.Options.Options.Create(new RedisOptions
        {
            ConnectionString = Server.ConnectionString,
            Prefix = prefix,
            InstanceId = instanceId,
            LeaseTime = leaseTime ?? TimeSpan.FromSeconds(10),
        });
}

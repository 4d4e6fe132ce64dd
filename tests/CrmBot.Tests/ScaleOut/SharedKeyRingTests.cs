using CrmBot.Extensions;
using CrmBot.ScaleOut;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CrmBot.Tests.ScaleOut;

/// <summary>
/// Staff sign-in across instances: with Redis, the data protection key ring lives in Redis, so a cookie protected by
/// one instance is read by another installed elsewhere, not only by one that happens to share this machine's key folder.
/// </summary>
public sealed class SharedKeyRingTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task A_cookie_protected_by_one_instance_is_read_by_another_through_the_key_ring_in_Redis()
    {
        var prefix = "keys" + Guid.NewGuid().ToString("N")[..8];
        using var first = Build(prefix, "web-1");
        using var second = Build(prefix, "web-2");

        var sealedByFirst = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("staff-cookie").Protect("agent:alice");
        var readBySecond = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("staff-cookie").Unprotect(sealedByFirst);

        Assert.Equal("agent:alice", readBySecond);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var keys = await connection.GetDatabase().ListLengthAsync($"{prefix}:{ScaleOutServices.DataProtectionKeys}");
        Assert.Equal(1, keys);
    }

    /// <summary>The service's own composition with Redis (not started: only its services are used).</summary>
    private WebApplication Build(string prefix, string instance) =>
        CrmBotHost.CreateBuilder([
            "--Storage:Provider=PostgreSql", "--Storage:ConnectionString=Host=127.0.0.1;Port=1",
            $"--Redis:ConnectionString={redis.Server.ConnectionString}", $"--Redis:Prefix={prefix}", $"--Redis:InstanceId={instance}",
        ]).Build();
}

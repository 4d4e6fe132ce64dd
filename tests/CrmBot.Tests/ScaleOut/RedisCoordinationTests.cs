using System.Text;
using CrmBot.ScaleOut;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBot.Tests.ScaleOut;

/// <summary>The Redis pieces instances coordinate with, against a real redis-server: turn locks, liveness, the background lease, stream frames.</summary>
public sealed class RedisCoordinationTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> owned = [];
    private readonly string prefix = "t" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(owned))
        {
            await item.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_conversation_lock_admits_one_turn_at_a_time_and_the_next_holder_gets_a_larger_fencing_token()
    {
        var (_, locksA) = Instance("a");
        var (_, locksB) = Instance("b");

        var first = await locksA.AcquireAsync("directline\nconv-1", default);
        var second = locksB.AcquireAsync("directline\nconv-1", default);
        var other = await locksB.AcquireAsync("directline\nconv-2", default).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        Assert.False(second.IsCompleted, "A second instance got a conversation's lock while the first held it.");

        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(next.FencingToken > first.FencingToken);
        Assert.NotEqual(first.FencingToken, other.FencingToken);
        await other.DisposeAsync();
    }

    [Fact]
    public async Task A_lock_held_longer_than_its_lease_is_kept_by_renewal()
    {
        var (_, locksA) = Instance("a", TimeSpan.FromSeconds(3));
        var (_, locksB) = Instance("b", TimeSpan.FromSeconds(3));

        await using var held = await locksA.AcquireAsync("directline\nlong-turn", default);
        var waiting = locksB.AcquireAsync("directline\nlong-turn", default);
        await Task.Delay(7_000);

        Assert.False(waiting.IsCompleted, "The lock of a running turn expired although its holder renews it.");
        Assert.False(held.Lost.IsCancellationRequested);
        await held.DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }

    [Fact]
    public async Task The_lock_of_an_instance_cut_off_from_Redis_frees_after_its_lease_and_the_holder_is_told()
    {
        var lease = TimeSpan.FromSeconds(2);
        var connectionA = redis.Connect(prefix, lease);
        var instanceA = new RedisInstances(connectionA, redis.Options(prefix, lease), TimeProvider.System, NullLogger<RedisInstances>.Instance);
        var locksA = new RedisTurnLock(connectionA, instanceA, redis.Options(prefix, lease), TimeProvider.System);
        var (_, locksB) = Instance("b", lease);

        var held = await locksA.AcquireAsync("directline\ncrashed", default);
        await connectionA.DisposeAsync();
        var started = DateTime.UtcNow;
        await using var taken = await locksB.AcquireAsync("directline\ncrashed", default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(6));
        // The old holder hears it lost the lock before (or as) the lease ends, so it stops writing.
        Assert.True(held.Lost.IsCancellationRequested);
        Assert.True(taken.FencingToken > held.FencingToken);
    }

    [Fact]
    public async Task The_background_lease_is_held_by_one_instance_and_moves_when_that_instance_stops_renewing()
    {
        var lease = TimeSpan.FromSeconds(2);
        var connectionA = redis.Connect(prefix, lease);
        var a = new RedisInstances(connectionA, redis.Options(prefix, lease, "instance-a"), TimeProvider.System, NullLogger<RedisInstances>.Instance);
        var (b, _) = Instance("instance-b", lease);
        await a.StartAsync(default);
        await b.StartAsync(default);

        Assert.True(a.IsHeld);
        Assert.False(b.IsHeld);
        Assert.True(await b.IsAliveAsync("instance-a", default));

        // A crash: A's connection goes, its heartbeat with it; nothing is released.
        await connectionA.DisposeAsync();
        await WaitUntilAsync(() => b.IsHeld, TimeSpan.FromSeconds(10));

        Assert.False(a.IsHeld);
        Assert.False(await b.IsAliveAsync("instance-a", default));
        Assert.True(await b.IsAliveAsync("instance-b", default));
        await b.StopAsync(default);
        a.Dispose();
    }

    [Fact]
    public async Task A_stream_frame_published_by_one_instance_reaches_the_others_but_not_itself()
    {
        var busA = await BusAsync("instance-a");
        var busB = await BusAsync("instance-b");
        var heardByA = new List<string>();
        var heardByB = new TaskCompletionSource<(string, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        busA.Receive((conversation, frame) => { lock (heardByA) heardByA.Add(conversation); });
        busB.Receive((conversation, frame) => heardByB.TrySetResult((conversation, Encoding.UTF8.GetString(frame.Span))));

        busA.Publish("conv-42", Encoding.UTF8.GetBytes("""{"activities":[]}"""));

        var (conversationId, frame) = await heardByB.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("conv-42", conversationId);
        Assert.Equal("""{"activities":[]}""", frame);
        await Task.Delay(200);
        lock (heardByA) Assert.Empty(heardByA);
    }

    private async Task<RedisStreamBus> BusAsync(string instanceId)
    {
        var (instance, _) = Instance(instanceId);
        var bus = new RedisStreamBus(Connection(), instance, NullLogger<RedisStreamBus>.Instance);
        await bus.StartAsync(default);
        return bus;
    }

    private (RedisInstances Instance, RedisTurnLock Locks) Instance(string instanceId, TimeSpan? lease = null)
    {
        var connection = Connection(lease);
        var options = redis.Options(prefix, lease, instanceId);
        var instance = new RedisInstances(connection, options, TimeProvider.System, NullLogger<RedisInstances>.Instance);
        owned.Add(new Disposing(instance.Dispose));
        return (instance, new RedisTurnLock(connection, instance, options, TimeProvider.System));
    }

    private RedisConnection Connection(TimeSpan? lease = null)
    {
        var connection = redis.Connect(prefix, lease);
        owned.Add(connection);
        return connection;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Condition not met in time.");
            await Task.Delay(50);
        }
    }

    private sealed class Disposing(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}

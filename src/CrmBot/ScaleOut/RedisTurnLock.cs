using CrmBot.BotFramework.Builder;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CrmBot.ScaleOut;

/// <summary>
/// A conversation's turn lock across instances: the key <c>{prefix}:turn:{conversation}</c> set only when absent, with
/// a lease of <see cref="RedisOptions.LeaseTime"/> renewed every third of it while the turn runs, and a fencing token
/// from one counter (<c>{prefix}:fence</c>) as its value, so renewal and release touch only this holder's lock. A
/// waiting turn polls every few milliseconds (turns take tens of milliseconds; a queue per key would be more machinery
/// than the wait is worth). A holder that cannot renew in time is told through <see cref="IHeldTurnLock.Lost"/> and
/// stops before the lease ends. Why Redis and not a row lock in the store: a turn can run for seconds (an LLM answer),
/// and a database transaction or session held that long per running turn would tie up the store's connections;
/// the lease also lets a turn survive a brief store hiccup. Thread-safe.
/// </summary>
public sealed class RedisTurnLock(RedisConnection redis, RedisInstances instances, IOptions<RedisOptions> options, TimeProvider time) : IConversationTurnLock
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(15);

    // Takes the lock with a fresh fencing token when nobody holds it; 0 otherwise.
    private const string Take = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local token = redis.call('INCR', KEYS[2])
        redis.call('SET', KEYS[1], ARGV[1] .. '/' .. token, 'PX', ARGV[2])
        return token
        """;

    private const string Renew = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private const string Release = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async Task<IHeldTurnLock> AcquireAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var db = (await redis.GetAsync()).GetDatabase();
        RedisKey key = settings.Key("turn:" + conversationKey.Replace('\n', ':'));
        var leaseMs = (long)settings.LeaseTime.TotalMilliseconds;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = time.GetTimestamp();
            var token = (long)await db.ScriptEvaluateAsync(Take, [key, settings.Key("fence")], [instances.InstanceId, leaseMs]);
            if (token > 0)
            {
                return new Held(db, key, instances.InstanceId + "/" + token, token, settings.LeaseTime, started, time);
            }
            await Task.Delay(PollInterval + TimeSpan.FromMilliseconds(Random.Shared.Next(10)), time, cancellationToken);
        }
    }

    private sealed class Held : IHeldTurnLock
    {
        private readonly IDatabase db;
        private readonly RedisKey key;
        private readonly string value;
        private readonly TimeSpan lease;
        private readonly TimeProvider time;
        private readonly CancellationTokenSource lost = new();
        private readonly CancellationTokenSource released = new();
        private readonly Task renewing;
        private int disposed;

        public Held(IDatabase db, RedisKey key, string value, long token, TimeSpan lease, long acquiredAt, TimeProvider time)
        {
            this.db = db;
            this.key = key;
            this.value = value;
            this.lease = lease;
            this.time = time;
            FencingToken = token;
            // Lost before Redis would free the key: the term is counted from before the request that took it.
            lost.CancelAfter(Term(lease, time.GetElapsedTime(acquiredAt)));
            renewing = RenewAsync();
        }

        public long FencingToken { get; }

        /// <summary>What is left of a lease granted by a request sent <paramref name="spent"/> ago, less a tenth as a margin for clock drift.</summary>
        private static TimeSpan Term(TimeSpan lease, TimeSpan spent) => TimeSpan.FromTicks(Math.Max(0, (lease - spent - lease / 10).Ticks));

        public CancellationToken Lost => lost.Token;

        private async Task RenewAsync()
        {
            using var timer = new PeriodicTimer(lease / 3, time);
            try
            {
                while (await timer.WaitForNextTickAsync(released.Token))
                {
                    var started = time.GetTimestamp();
                    try
                    {
                        if ((long)await db.ScriptEvaluateAsync(Renew, [key], [value, (long)lease.TotalMilliseconds]) != 1)
                        {
                            await lost.CancelAsync();
                            return;
                        }
                        lost.CancelAfter(Term(lease, time.GetElapsedTime(started)));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Not renewed this time; the term set by the last renewal still runs, the next tick tries again.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Released.
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1)
            {
                return;
            }
            await released.CancelAsync();
            await renewing;
            try
            {
                await db.ScriptEvaluateAsync(Release, [key], [value]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The lease ends by itself.
            }
            released.Dispose();
            lost.Dispose();
        }
    }
}

using CrmBot.BotFramework.Builder;
using CrmBot.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CrmBot.ScaleOut;

/// <summary>
/// This instance among the others, kept in Redis by a heartbeat every third of <see cref="RedisOptions.LeaseTime"/>:
/// its liveness key (<c>{prefix}:instance:{id}</c>, which expires when the process dies, so its pending turns are taken
/// over) and the shared background work lease (<c>{prefix}:lease:background</c>: escalation routing, retention,
/// scheduled erasures run where it is held). The lease counts as held only until the end of the last renewal's term as
/// measured here from before the renewal was sent, so this process stops before Redis lets another start.
/// Thread-safe: the term's end is one atomically written number.
/// </summary>
public sealed partial class RedisInstances : BackgroundService, ITurnInstances, ISharedWorkLease
{
    // Sets the key to this holder or extends it when it already is this holder's; 0 when another holds it.
    private const string AcquireOrRenew = """
        local v = redis.call('GET', KEYS[1])
        if v == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
        if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
        return 0
        """;

    private const string ReleaseIfMine = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly RedisConnection redis;
    private readonly RedisOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<RedisInstances> logger;
    private long leaseHeldUntil;
    private bool wasHeld;

    public RedisInstances(RedisConnection redis, IOptions<RedisOptions> options, TimeProvider time, ILogger<RedisInstances> logger)
    {
        this.redis = redis;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        InstanceId = this.options.InstanceId is { Length: > 0 } id ? id : $"{Environment.MachineName}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
    }

    public string InstanceId { get; }

    public TimeSpan TakeOverInterval => options.LeaseTime / 2;

    public bool IsHeld => time.GetTimestamp() < Interlocked.Read(ref leaseHeldUntil);

    private RedisKey LivenessKey(string instanceId) => options.Key("instance:" + instanceId);

    private RedisKey LeaseKey => options.Key("lease:background");

    public async Task<bool> IsAliveAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (instanceId == InstanceId)
        {
            return true;
        }
        var db = (await redis.GetAsync()).GetDatabase();
        return await db.KeyExistsAsync(LivenessKey(instanceId));
    }

    /// <summary>The first heartbeat before the server takes requests, so other instances see this one alive at once.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await BeatAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Start anyway: the ready probe reports Redis, and the heartbeat keeps trying.
            LogBeatFailed(logger, e);
        }
        wasHeld = IsHeld;
        LogStarted(logger, InstanceId, wasHeld);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.LeaseTime / 3, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await BeatAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogBeatFailed(logger, e);
            }
            var held = IsHeld;
            if (held != wasHeld)
            {
                LogLease(logger, InstanceId, held);
                wasHeld = held;
            }
        }
    }

    /// <summary>
    /// On a clean stop the background lease goes at once, so another instance need not wait for it to expire. The
    /// liveness key is left to expire: turns still finishing during shutdown must not be taken over while they run.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Interlocked.Exchange(ref leaseHeldUntil, 0);
        try
        {
            var db = (await redis.GetAsync()).GetDatabase();
            await db.ScriptEvaluateAsync(ReleaseIfMine, [LeaseKey], [InstanceId]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogBeatFailed(logger, e);
        }
    }

    private async Task BeatAsync()
    {
        var started = time.GetTimestamp();
        var db = (await redis.GetAsync()).GetDatabase();
        var leaseMs = (long)options.LeaseTime.TotalMilliseconds;
        await db.StringSetAsync(LivenessKey(InstanceId), time.GetUtcNow().ToUnixTimeMilliseconds(), options.LeaseTime);
        var held = (long)await db.ScriptEvaluateAsync(AcquireOrRenew, [LeaseKey], [InstanceId, leaseMs]) == 1;
        Interlocked.Exchange(ref leaseHeldUntil, held ? started + (long)(options.LeaseTime.TotalSeconds * time.TimestampFrequency) : 0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scale-out instance {InstanceId} started (background work lease held: {Held})")]
    private static partial void LogStarted(ILogger logger, string instanceId, bool held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} background work lease held: {Held}")]
    private static partial void LogLease(ILogger logger, string instanceId, bool held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis heartbeat failed; the lease lapses if this goes on")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);
}

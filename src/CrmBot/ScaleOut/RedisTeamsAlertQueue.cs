using System.Runtime.CompilerServices;
using System.Text.Json;
using CrmBot.Core.Handoff;
using CrmBot.Handoff;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CrmBot.ScaleOut;

/// <summary>
/// Teams alerts in a Redis stream (<c>{prefix}:teams-alerts</c>) read by one consumer group, so each alert goes to one
/// instance, and survives the death of any of them. An alert leaves the stream when sent (acknowledged and deleted); one
/// read by an instance that died before that is claimed by another once it has been idle for
/// <see cref="ClaimAfter"/>, and sent again: at least once. Queued once per escalation id (a marker key kept a week),
/// so the same escalation announced twice is sent once. Bounded like the in-memory queue: beyond
/// <see cref="TeamsAgentAlertOptions.QueueCapacity"/> (approximately) the oldest entries are trimmed. What it does not
/// cover: an escalation committed by an instance that dies before it queues the alert (a moment after the commit).
/// Thread-safe.
/// </summary>
public sealed partial class RedisTeamsAlertQueue(
    RedisConnection redis, RedisInstances instances, IOptions<TeamsAgentAlertOptions> options, TimeProvider time, ILogger<RedisTeamsAlertQueue> logger) : ITeamsAlertQueue
{
    private const string Group = "senders";
    private const string Field = "escalation";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan QueuedMarkerLifetime = TimeSpan.FromDays(7);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// How long an alert read by one instance waits before another takes it: three leases (30 s by default), beyond a
    /// send with the Connector's retries; a send slower than that may go out twice.
    /// </summary>
    public TimeSpan ClaimAfter => redis.Options.LeaseTime * 3;

    private RedisKey Stream => redis.Options.Key("teams-alerts");

    public async ValueTask EnqueueAsync(EscalationSummary escalation, CancellationToken cancellationToken)
    {
        var db = (await redis.GetAsync()).GetDatabase();
        if (!await db.StringSetAsync(redis.Options.Key("teams-alert:" + escalation.Id), 1, QueuedMarkerLifetime, When.NotExists))
        {
            LogDuplicate(logger, escalation.Reference);
            return;
        }
        await db.StreamAddAsync(Stream, Field, JsonSerializer.Serialize(escalation, Json), maxLength: options.Value.QueueCapacity, useApproximateMaxLength: true);
    }

    public async IAsyncEnumerable<QueuedAlert> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = (await redis.GetAsync()).GetDatabase();
        await EnsureGroupAsync(db);
        long? lastClaim = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var entries = Array.Empty<StreamEntry>();
            try
            {
                if (lastClaim is not { } claimed || time.GetElapsedTime(claimed) > ClaimAfter / 3)
                {
                    lastClaim = time.GetTimestamp();
                    entries = (await db.StreamAutoClaimAsync(Stream, Group, instances.InstanceId, (long)ClaimAfter.TotalMilliseconds, "0-0", 10)).ClaimedEntries;
                }
                if (entries.Length == 0)
                {
                    entries = await db.StreamReadGroupAsync(Stream, Group, instances.InstanceId, StreamPosition.NewMessages, 10);
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogReadFailed(logger, e);
            }
            foreach (var entry in entries)
            {
                if (Read(entry) is { } alert)
                {
                    yield return alert;
                }
                else
                {
                    await db.StreamAcknowledgeAsync(Stream, Group, entry.Id);
                }
            }
            if (entries.Length == 0)
            {
                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
    }

    public async ValueTask CompleteAsync(QueuedAlert alert, CancellationToken cancellationToken)
    {
        var db = (await redis.GetAsync()).GetDatabase();
        var batch = db.CreateTransaction();
        _ = batch.StreamAcknowledgeAsync(Stream, Group, alert.QueueId);
        _ = batch.StreamDeleteAsync(Stream, [alert.QueueId]);
        await batch.ExecuteAsync();
    }

    private QueuedAlert? Read(StreamEntry entry)
    {
        var json = entry[Field];
        if (json.IsNullOrEmpty || JsonSerializer.Deserialize<EscalationSummary>((string)json!, Json) is not { } escalation)
        {
            LogMalformed(logger, entry.Id.ToString());
            return null;
        }
        return new QueuedAlert(escalation, entry.Id);
    }

    private async Task EnsureGroupAsync(IDatabase db)
    {
        try
        {
            await db.StreamCreateConsumerGroupAsync(Stream, Group, "0-0", createStream: true);
        }
        catch (RedisServerException e) when (e.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another instance (or an earlier run) created it.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams alert for escalation {Reference} already queued; not queued again")]
    private static partial void LogDuplicate(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the Teams alert stream failed; trying again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped malformed Teams alert stream entry {EntryId}")]
    private static partial void LogMalformed(ILogger logger, string entryId);
}

using CrmBot.Core.Handoff;
using CrmBot.Handoff;
using CrmBot.ScaleOut;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.ScaleOut;

/// <summary>The durable Teams alert queue of several instances, against a real redis-server.</summary>
public sealed class RedisTeamsAlertQueueTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly string prefix = "q" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task An_escalation_announced_twice_is_queued_once_and_a_sent_alert_is_not_delivered_again()
    {
        var queue = Queue("a", TimeSpan.FromSeconds(1));
        await queue.EnqueueAsync(Escalation(7, "ESC-AAAAAA"), default);
        await queue.EnqueueAsync(Escalation(7, "ESC-AAAAAA"), default);
        await queue.EnqueueAsync(Escalation(8, "ESC-BBBBBB"), default);

        var read = await ReadAsync(queue, 2, TimeSpan.FromSeconds(5));
        Assert.Equal(["ESC-AAAAAA", "ESC-BBBBBB"], read.Select(a => a.Escalation.Reference));
        foreach (var alert in read)
        {
            await queue.CompleteAsync(alert, default);
        }

        // Past the claim time: nothing is pending, so nothing comes back.
        Assert.Empty(await ReadAsync(Queue("b", TimeSpan.FromSeconds(1)), 1, TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public async Task An_alert_read_by_an_instance_that_died_before_sending_it_is_sent_by_another()
    {
        var lease = TimeSpan.FromSeconds(1);
        var dying = Queue("dying", lease);
        await dying.EnqueueAsync(Escalation(9, "ESC-CCCCCC"), default);
        var taken = Assert.Single(await ReadAsync(dying, 1, TimeSpan.FromSeconds(5)));
        Assert.Equal(9, taken.Escalation.Id);

        // It never completes it. Another instance gets the alert once it has waited ClaimAfter (3 s here), not before.
        var survivor = Queue("survivor", lease);
        var started = DateTime.UtcNow;
        var again = Assert.Single(await ReadAsync(survivor, 1, TimeSpan.FromSeconds(10)));

        Assert.Equal("ESC-CCCCCC", again.Escalation.Reference);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        await survivor.CompleteAsync(again, default);
        Assert.Empty(await ReadAsync(Queue("third", lease), 1, TimeSpan.FromSeconds(4)));
    }

    private RedisTeamsAlertQueue Queue(string instanceId, TimeSpan lease)
    {
        var connection = redis.Connect(prefix, lease, instanceId);
        var options = redis.Options(prefix, lease, instanceId);
        var instances = new RedisInstances(connection, options, TimeProvider.System, NullLogger<RedisInstances>.Instance);
        return new RedisTeamsAlertQueue(connection, instances, Options.Create(new TeamsAgentAlertOptions()), TimeProvider.System, NullLogger<RedisTeamsAlertQueue>.Instance);
    }

    /// <summary>What the queue delivers within <paramref name="within"/>, up to <paramref name="count"/> alerts.</summary>
    private static async Task<List<QueuedAlert>> ReadAsync(ITeamsAlertQueue queue, int count, TimeSpan within)
    {
        var read = new List<QueuedAlert>();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await foreach (var alert in queue.ReadAllAsync(timeout.Token))
            {
                read.Add(alert);
                if (read.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Nothing more within the time.
        }
        return read;
    }

    private static EscalationSummary Escalation(int id, string reference) => new(
        id, reference, "Pending", "billing", 2, "CustomerRequest", "Asked for a person", "Jane Cooper", "Gold", "webchat",
        -0.2, "neutral", CreatedAt, null, null, null, null, null, "can I talk to someone", CreatedAt, null, null, null);
}

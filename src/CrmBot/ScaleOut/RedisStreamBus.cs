using System.Buffers.Binary;
using System.Text;
using CrmBot.BotFramework.DirectLine;
using StackExchange.Redis;

namespace CrmBot.ScaleOut;

/// <summary>
/// Direct Line stream frames between instances over one Redis pub/sub channel (<c>{prefix}:directline</c>). Each
/// message names the sending instance (its own are skipped: the hub already delivered them) and the conversation; every
/// instance hears every frame and offers it to the streams it has open on that conversation, if any. One channel
/// rather than one per conversation: nothing to subscribe when a stream opens (so no window in which a frame is
/// missed), at the price of every instance reading every frame, which is small beside a turn for a handful of
/// instances. Pub/sub loses what is sent while an instance is disconnected; the stream fills gaps from the store at
/// the next frame and the client's reconnect replays from its watermark. Thread-safe.
/// </summary>
public sealed class RedisStreamBus(RedisConnection redis, RedisInstances instances, ILogger<RedisStreamBus> logger) : IDirectLineStreamBus, IHostedService
{
    private readonly byte[] origin = Encoding.UTF8.GetBytes(instances.InstanceId);
    private Action<string, ReadOnlyMemory<byte>>? deliver;
    private ISubscriber? subscriber;

    private RedisChannel Channel => RedisChannel.Literal(redis.Options.Key("directline"));

    public void Publish(string conversationId, byte[] frame)
    {
        if (subscriber is null)
        {
            return;
        }
        var conversation = Encoding.UTF8.GetBytes(conversationId);
        var message = new byte[4 + origin.Length + 4 + conversation.Length + frame.Length];
        var span = message.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, origin.Length);
        origin.CopyTo(span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span[(4 + origin.Length)..], conversation.Length);
        conversation.CopyTo(span[(8 + origin.Length)..]);
        frame.CopyTo(span[(8 + origin.Length + conversation.Length)..]);
        subscriber.Publish(Channel, message, CommandFlags.FireAndForget);
    }

    public void Receive(Action<string, ReadOnlyMemory<byte>> deliver) => this.deliver = deliver;

    /// <summary>Subscribes before the server takes requests, so no stream opens before frames can reach it.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync();
        var sub = connection.GetSubscriber();
        await sub.SubscribeAsync(Channel, (_, value) => OnMessage(value));
        subscriber = sub;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (subscriber is { } sub)
        {
            await sub.UnsubscribeAsync(Channel);
        }
    }

    private void OnMessage(RedisValue value)
    {
        try
        {
            ReadOnlyMemory<byte> message = (byte[])value!;
            var span = message.Span;
            var originLength = BinaryPrimitives.ReadInt32BigEndian(span);
            if (span.Slice(4, originLength).SequenceEqual(origin))
            {
                return;
            }
            var at = 4 + originLength;
            var conversationLength = BinaryPrimitives.ReadInt32BigEndian(span[at..]);
            var conversationId = Encoding.UTF8.GetString(span.Slice(at + 4, conversationLength));
            deliver?.Invoke(conversationId, message[(at + 4 + conversationLength)..]);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            logger.LogWarning(e, "Skipped a malformed Direct Line frame from another instance");
        }
    }
}

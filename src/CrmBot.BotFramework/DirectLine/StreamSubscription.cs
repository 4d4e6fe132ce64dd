using System.Threading.Channels;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// One open WebSocket's queue of frames to send. Bounded: a client too slow to keep up is disconnected (it reconnects
/// with its watermark and replays from the store, so nothing is lost) instead of growing memory without limit.
/// </summary>
internal sealed class StreamSubscription(string conversationId, Action<StreamSubscription> unsubscribe) : IDisposable
{
    private const int QueueCapacity = 256;

    private readonly Channel<ActivitySetFrame> frames = Channel.CreateBounded<ActivitySetFrame>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public string ConversationId { get; } = conversationId;

    public ChannelReader<ActivitySetFrame> Frames => frames.Reader;

    /// <summary>Why the server ends this stream (WebSocket close description); null while open.</summary>
    public string? CloseReason { get; private set; }

    public void Offer(ActivitySetFrame frame)
    {
        if (!frames.Writer.TryWrite(frame))
        {
            Close("overflow");
        }
    }

    public void Close(string reason)
    {
        CloseReason ??= reason;
        frames.Writer.TryComplete();
    }

    public void Dispose()
    {
        frames.Writer.TryComplete();
        unsubscribe(this);
    }
}

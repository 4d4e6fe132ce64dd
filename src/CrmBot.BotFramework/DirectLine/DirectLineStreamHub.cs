namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Fans stored activities out to the WebSocket streams open on their conversation: this process's, and through the
/// <see cref="IDirectLineStreamBus"/> when one is registered (several instances behind a load balancer) the other
/// instances'. Thread-safe: all bookkeeping happens under one lock, frames are offered outside it.
/// </summary>
internal sealed class DirectLineStreamHub
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<StreamSubscription>> streams = new(StringComparer.Ordinal);
    private readonly Microsoft.Extensions.Options.IOptions<DirectLineOptions> options;
    private readonly IDirectLineStreamBus? bus;

    public DirectLineStreamHub(Microsoft.Extensions.Options.IOptions<DirectLineOptions> options, IDirectLineStreamBus? bus = null)
    {
        this.options = options;
        this.bus = bus;
        bus?.Receive((conversationId, message) => Deliver(conversationId, ActivitySetFrame.Decode(message.Span)));
    }

    public StreamSubscription Subscribe(string conversationId)
    {
        var subscription = new StreamSubscription(conversationId, Unsubscribe);
        StreamSubscription? evicted = null;
        lock (gate)
        {
            if (!streams.TryGetValue(conversationId, out var list))
            {
                streams[conversationId] = list = [];
            }
            if (list.Count >= options.Value.MaxStreamsPerConversation)
            {
                evicted = list[0];
                list.RemoveAt(0);
            }
            list.Add(subscription);
        }
        // Azure closes surplus sockets with this reason (digest §4.5); the oldest is most likely a dead tab.
        evicted?.Close("collision");
        return subscription;
    }

    /// <summary>Offers the frame to this process's streams of the conversation and sends it to the other instances'.</summary>
    public void Publish(string conversationId, ActivitySetFrame frame)
    {
        Deliver(conversationId, frame);
        bus?.Publish(conversationId, frame.Encode());
    }

    private void Deliver(string conversationId, ActivitySetFrame frame)
    {
        StreamSubscription[] targets;
        lock (gate)
        {
            if (!streams.TryGetValue(conversationId, out var list))
            {
                return;
            }
            targets = [.. list];
        }
        foreach (var target in targets)
        {
            target.Offer(frame);
        }
    }

    public int CountStreams(string conversationId)
    {
        lock (gate)
        {
            return streams.TryGetValue(conversationId, out var list) ? list.Count : 0;
        }
    }

    private void Unsubscribe(StreamSubscription subscription)
    {
        lock (gate)
        {
            if (streams.TryGetValue(subscription.ConversationId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                streams.Remove(subscription.ConversationId);
            }
        }
    }
}

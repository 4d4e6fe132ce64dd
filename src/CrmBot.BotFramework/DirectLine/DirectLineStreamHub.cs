namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Fans stored activities out to the WebSocket streams open on their conversation, in this process only. Several
/// instances behind a load balancer need a shared bus here (Redis pub/sub, DESIGN §7); the store already is shared.
/// Thread-safe: all bookkeeping happens under one lock, frames are offered outside it.
/// </summary>
internal sealed class DirectLineStreamHub(Microsoft.Extensions.Options.IOptions<DirectLineOptions> options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<StreamSubscription>> streams = new(StringComparer.Ordinal);

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

    public void Publish(string conversationId, ActivitySetFrame frame)
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

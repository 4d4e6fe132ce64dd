namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Carries stream frames between the instances of a scale-out, so an activity stored by one instance reaches a
/// WebSocket open on another (DESIGN §7). Optional: without one, frames reach this process's streams only. A frame is
/// a nudge, not the record: the store is the truth, and a stream that sees a gap reads it from there. Implementations
/// are thread-safe and never block <see cref="Publish"/>.
/// </summary>
public interface IDirectLineStreamBus
{
    /// <summary>Sends an encoded frame of <paramref name="conversationId"/> to the other instances.</summary>
    void Publish(string conversationId, byte[] frame);

    /// <summary>Registers what receives the other instances' frames (called once, by the stream hub).</summary>
    void Receive(Action<string, ReadOnlyMemory<byte>> deliver);
}

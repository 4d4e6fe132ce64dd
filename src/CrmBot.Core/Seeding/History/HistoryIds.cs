using System.Buffers.Binary;
using System.Buffers.Text;
using Bogus;

namespace CrmBot.Core.Seeding.History;

/// <summary>
/// Ids of past conversations and channel accounts in the shapes the live ones have, but drawn from the seeded random
/// sequence instead of the system's, so the same seed gives the same ids.
/// </summary>
internal static class HistoryIds
{
    /// <summary>A version 7 UUID like <see cref="Guid.CreateVersion7(DateTimeOffset)"/> makes: the start time, then random bits.</summary>
    public static Guid ConversationId(DateTimeOffset start, Randomizer random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.Bytes(16).CopyTo(bytes);
        var milliseconds = start.ToUnixTimeMilliseconds();
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, milliseconds);
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Direct Line: 128 bits in URL-safe base64 (as our Direct Line server makes them); Teams: a personal chat id.</summary>
    public static string ChannelConversationId(string channel, Randomizer random) => channel == HistoryPlanner.Teams
        ? "a:1" + Base64Url.EncodeToString(random.Bytes(30))
        : Base64Url.EncodeToString(random.Bytes(16));

    /// <summary>Direct Line user ids carry the dl_ prefix; Teams user ids start with 29:.</summary>
    public static string AccountId(string channel, Randomizer random) => channel == HistoryPlanner.Teams
        ? "29:1" + Base64Url.EncodeToString(random.Bytes(27))
        : "dl_" + Base64Url.EncodeToString(random.Bytes(12));
}

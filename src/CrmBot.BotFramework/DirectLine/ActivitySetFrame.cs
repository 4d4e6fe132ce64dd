using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// A serialized <c>ActivitySet</c> (<c>{ "activities": [...], "watermark": "7" }</c>), built once and sent as is to
/// every GET and stream that needs it. <see cref="Watermark"/> is null for frames that carry no stored activity
/// (typing): clients then keep their watermark (digest §4.4). <see cref="FirstSequence"/> is the sequence of the first
/// stored activity in the frame, so a stream can tell a frame that continues what it sent from one that skips ahead
/// (another instance's frame overtook this one's) and fill the gap from the store.
/// </summary>
internal sealed record ActivitySetFrame(long? Watermark, byte[] Utf8Json)
{
    private const int HeaderBytes = 16;

    public long? FirstSequence { get; init; }

    public static ActivitySetFrame Create(IEnumerable<string> activities, long? watermark)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            // Always an array, even when empty: DirectLineJS does Observable.from(activities) and fails on anything else (§4.4).
            writer.WriteStartArray("activities");
            foreach (var json in activities)
            {
                // Our own serializer wrote it when the activity was stored.
                writer.WriteRawValue(json, skipInputValidation: true);
            }
            writer.WriteEndArray();
            if (watermark is { } value)
            {
                writer.WriteString("watermark", value.ToString(CultureInfo.InvariantCulture));
            }
            writer.WriteEndObject();
        }
        return new ActivitySetFrame(watermark, buffer.WrittenSpan.ToArray());
    }

    /// <summary>A frame of stored activities, in sequence order.</summary>
    public static ActivitySetFrame ForStored(IReadOnlyList<StoredActivity> activities) =>
        Create(activities.Select(a => a.Json), activities[^1].Sequence) with { FirstSequence = activities[0].Sequence };

    /// <summary>The frame as another instance receives it: first sequence and watermark (-1 for none), then the JSON.</summary>
    public byte[] Encode()
    {
        var message = new byte[HeaderBytes + Utf8Json.Length];
        BinaryPrimitives.WriteInt64BigEndian(message, FirstSequence ?? -1);
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(8), Watermark ?? -1);
        Utf8Json.CopyTo(message, HeaderBytes);
        return message;
    }

    public static ActivitySetFrame Decode(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderBytes)
        {
            throw new FormatException("A stream frame from another instance is shorter than its header.");
        }
        var first = BinaryPrimitives.ReadInt64BigEndian(message);
        var watermark = BinaryPrimitives.ReadInt64BigEndian(message[8..]);
        return new ActivitySetFrame(watermark < 0 ? null : watermark, message[HeaderBytes..].ToArray()) { FirstSequence = first < 0 ? null : first };
    }
}

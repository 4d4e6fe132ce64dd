using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// A serialized <c>ActivitySet</c> (<c>{ "activities": [...], "watermark": "7" }</c>), built once and sent as is to
/// every GET and stream that needs it. <see cref="Watermark"/> is null for frames that carry no stored activity
/// (typing): clients then keep their watermark (digest §4.4).
/// </summary>
internal sealed record ActivitySetFrame(long? Watermark, byte[] Utf8Json)
{
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
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBot.BotFramework.Schema;

/// <summary>
/// <c>timestamp</c> goes out as ISO 8601 UTC with an explicit Z (A2043); any offset is accepted coming in.
/// Only for <c>timestamp</c>: <c>localTimestamp</c> keeps the client's offset (A2050).
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBot.BotFramework.Schema;

/// <summary>
/// Wire JSON settings: camelCase out, any casing in (real senders use PascalCase in places, A2002), nulls omitted.
/// Immutable and shared.
/// </summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
    };
}

using System.Text.Json;

namespace CrmBot.Core.Llm;

/// <summary>Reads the JSON objects prompts ask for, tolerating a code fence around them; null for anything else.</summary>
public static class LlmJson
{
    public static JsonElement? ReadObject(string text)
    {
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text[start..(end + 1)]);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? ReadString(string text, string property) =>
        ReadObject(text) is { } o && o.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } s ? s.Trim() : null;

    public static IReadOnlyList<string>? ReadStrings(JsonElement o, string property) =>
        o.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0).ToList()
            : null;
}

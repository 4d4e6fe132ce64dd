using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CrmBot.Core.Dialogs;

/// <summary>Fills <c>{{ name }}</c> and <c>{{ result.field }}</c> placeholders from dialog memory, then from the turn's globals.</summary>
public static partial class TemplateRenderer
{
    public static IEnumerable<string> Paths(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups["path"].Value);

    public static string Render(string template, JsonObject memory, JsonObject globals)
    {
        if (!template.Contains("{{", StringComparison.Ordinal))
        {
            return template;
        }
        return Placeholder().Replace(template, m => ToText(Resolve(m.Groups["path"].Value, memory, globals)));
    }

    public static JsonNode? Resolve(string path, JsonObject memory, JsonObject globals)
    {
        var parts = path.Split('.');
        JsonNode? node = memory.TryGetPropertyValue(parts[0], out var local) ? local
            : globals.TryGetPropertyValue(parts[0], out var global) ? global : null;
        for (int i = 1; i < parts.Length && node is not null; i++)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(parts[i], out var child) ? child : null;
        }
        return node;
    }

    public static string ToText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        JsonArray a => JoinList(a),
        _ => node.ToJsonString(),
    };

    private static string JoinList(JsonArray items)
    {
        var texts = items.Select(ToText).Where(t => t.Length > 0).ToList();
        if (texts.Count <= 1)
        {
            return texts.FirstOrDefault() ?? "";
        }
        var sb = new StringBuilder();
        sb.AppendJoin(", ", texts.Take(texts.Count - 1)).Append(" and ").Append(texts[^1]);
        return sb.ToString();
    }

    [GeneratedRegex(@"\{\{\s*(?<path>[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\s*\}\}")]
    private static partial Regex Placeholder();
}

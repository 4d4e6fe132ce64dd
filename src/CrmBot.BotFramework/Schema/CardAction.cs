using System.Text.Json.Nodes;

namespace CrmBot.BotFramework.Schema;

/// <summary>A button: <c>imBack</c> posts <see cref="Value"/> as the user's message; <c>openUrl</c> opens a link.</summary>
public sealed class CardAction
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonNode? Value { get; set; }

    public static CardAction ImBack(string title, string? value = null) => new() { Type = "imBack", Title = title, Value = value ?? title };

    /// <summary>
    /// A button that sends <paramref name="text"/> as the user's message, shows <paramref name="displayText"/> in the
    /// transcript, and carries <paramref name="value"/> for the bot alone (cards spec: messageBack).
    /// </summary>
    public static CardAction MessageBack(string title, string text, JsonNode value, string? displayText = null) =>
        new() { Type = "messageBack", Title = title, Text = text, DisplayText = displayText ?? text, Value = value };
}

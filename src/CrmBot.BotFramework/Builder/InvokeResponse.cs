using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Builder;

/// <summary>
/// The synchronous answer to an <c>invoke</c> activity: HTTP status and JSON body of the response to the channel's POST
/// (digest §2.3, §2.5). A bot returns it as the SDK does, by sending <see cref="ToActivity"/> through the turn context;
/// an invoke the bot leaves unanswered gets 501.
/// </summary>
public sealed record InvokeResponse(int Status, JsonNode? Body = null)
{
    /// <summary>Activity type that carries an invoke response from the bot to its adapter; never sent on the wire (SDK ActivityTypesEx.InvokeResponse).</summary>
    public const string ActivityType = "invokeResponse";

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
    public const string MessageContentType = "application/vnd.microsoft.activity.message";
    public const string ErrorContentType = "application/vnd.microsoft.error";

    /// <summary><c>adaptiveCard/action</c> answer that replaces the clicked card (Teams Universal Actions).</summary>
    public static InvokeResponse AdaptiveCard(JsonObject card) => Universal(200, AdaptiveCardContentType, card);

    /// <summary><c>adaptiveCard/action</c> answer that shows a short message to the clicking user.</summary>
    public static InvokeResponse Message(string text) => Universal(200, MessageContentType, JsonValue.Create(text));

    /// <summary>
    /// <c>adaptiveCard/action</c> error: HTTP 200 whose body carries the error status, as the SDK answers an ill-formed
    /// <c>value</c> (400) or a failure (500).
    /// </summary>
    public static InvokeResponse Error(int statusCode, string code, string message) =>
        Universal(statusCode, ErrorContentType, new JsonObject { ["code"] = code, ["message"] = message });

    public Activity ToActivity() => new() { Type = ActivityType, Value = JsonSerializer.SerializeToNode(this, BotJson.Options) };

    /// <summary>Reads an invoke response back from an <c>invokeResponse</c> activity; null when the activity is not one.</summary>
    public static InvokeResponse? FromActivity(Activity activity) =>
        activity.IsType(ActivityType) && activity.Value is JsonObject value ? value.Deserialize<InvokeResponse>(BotJson.Options) : null;

    private static InvokeResponse Universal(int statusCode, string type, JsonNode? value) =>
        new(200, new JsonObject { ["statusCode"] = statusCode, ["type"] = type, ["value"] = value });
}

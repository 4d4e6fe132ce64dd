using System.Text.Json.Serialization;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// The Direct Line <c>Conversation</c> object (directline-3.0.json): answered by token generation and refresh, start and
/// reconnect. Property names are pinned because the wire uses <c>expires_in</c>, whatever the host's JSON settings.
/// </summary>
public sealed record ConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl = null);

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Connector;

/// <summary>Body of <c>POST {serviceUrl}/v3/conversations</c> (Connector swagger <c>ConversationParameters</c>; Teams shapes in digest §5.3).</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }

    /// <summary>Teams needs the tenant; it reads <c>channelData.tenant.id</c>, sending this as well is harmless (digest §5.3).</summary>
    public string? TenantId { get; set; }

    /// <summary>First message of the new conversation (Teams: starts a channel thread).</summary>
    public Activity? Activity { get; set; }

    public JsonNode? ChannelData { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBot.BotFramework.Schema;

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    /// <summary>"user" or "bot"; Direct Line clients rely on it to tell their own messages apart.</summary>
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

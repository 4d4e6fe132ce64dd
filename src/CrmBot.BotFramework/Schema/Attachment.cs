using System.Text.Json.Nodes;

namespace CrmBot.BotFramework.Schema;

/// <summary>A card or file. <see cref="Content"/> is the card body; its shape depends on <see cref="ContentType"/>.</summary>
public sealed class Attachment
{
    public string? ContentType { get; set; }
    public JsonNode? Content { get; set; }
    public string? ContentUrl { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }
}

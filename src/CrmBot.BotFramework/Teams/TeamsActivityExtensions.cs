using System.Text.Json.Nodes;
using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Teams;

/// <summary>
/// Reading Microsoft Teams specifics off an activity (digest §5.1; SDK TeamsActivityExtensions / TeamsChannelData).
/// Ids are returned as opaque strings, never parsed (A2011).
/// </summary>
public static class TeamsActivityExtensions
{
    public const string ChannelId = "msteams";

    public static bool IsTeams(this Activity activity) => string.Equals(activity.ChannelId, ChannelId, StringComparison.OrdinalIgnoreCase);

    /// <summary>The Entra tenant: <c>channelData.tenant.id</c>, which Teams always sends, else <c>conversation.tenantId</c> of newer payloads.</summary>
    public static string? GetTenantId(this Activity activity) =>
        StringAt(activity.ChannelData, "tenant", "id") ?? NullIfEmpty(activity.Conversation?.TenantId);

    /// <summary>The sender's Entra object id (stable across bots, unlike the <c>29:</c> user id).</summary>
    public static string? GetAadObjectId(this Activity activity) => NullIfEmpty(activity.From?.AadObjectId);

    /// <summary><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
    public static string? GetConversationType(this Activity activity) => NullIfEmpty(activity.Conversation?.ConversationType);

    public static bool IsPersonalChat(this Activity activity) => string.Equals(activity.GetConversationType(), "personal", StringComparison.OrdinalIgnoreCase);

    /// <summary>The team channel the activity came from (<c>channelData.channel.id</c>), e.g. the agents' channel.</summary>
    public static string? GetTeamsChannelId(this Activity activity) => StringAt(activity.ChannelData, "channel", "id");

    public static string? GetTeamId(this Activity activity) => StringAt(activity.ChannelData, "team", "id");

    /// <summary>What a conversationUpdate is about: <c>teamMemberAdded</c>, <c>channelCreated</c>, …</summary>
    public static string? GetTeamsEventType(this Activity activity) => StringAt(activity.ChannelData, "eventType");

    /// <summary>
    /// Removes the @mention of the bot from <see cref="Activity.Text"/> and returns the text (SDK RemoveRecipientMention):
    /// in channels and group chats the bot only hears messages that mention it, as <c>&lt;at&gt;Bot&lt;/at&gt;</c>. The
    /// <c>mention</c> entity whose <c>mentioned.id</c> is the recipient names the exact text (digest §5.1); without
    /// one, <c>&lt;at&gt;{recipient name}&lt;/at&gt;</c> is removed. Other people's mentions stay.
    /// </summary>
    public static string? RemoveRecipientMention(this Activity activity)
    {
        if (string.IsNullOrEmpty(activity.Text) || activity.Recipient?.Id is not { Length: > 0 } botId)
        {
            return activity.Text;
        }

        var mentionTexts = (activity.Entities ?? [])
            .Where(e => string.Equals(StringAt(e, "type"), "mention", StringComparison.OrdinalIgnoreCase))
            .Where(e => string.Equals(StringAt(e, "mentioned", "id"), botId, StringComparison.Ordinal))
            .Select(e => StringAt(e, "text"))
            .OfType<string>()
            .Where(t => t.Length > 0)
            .ToList();
        if (mentionTexts.Count == 0 && !string.IsNullOrEmpty(activity.Recipient.Name))
        {
            mentionTexts.Add($"<at>{activity.Recipient.Name}</at>");
        }

        var text = activity.Text;
        foreach (var mention in mentionTexts)
        {
            text = text.Replace(mention, string.Empty, StringComparison.Ordinal);
        }

        activity.Text = text.Trim();
        return activity.Text;
    }

    private static string? StringAt(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? child : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

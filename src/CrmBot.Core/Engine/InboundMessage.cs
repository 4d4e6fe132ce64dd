namespace CrmBot.Core.Engine;

/// <summary>A customer message as any channel hands it to the engine.</summary>
/// <param name="Channel">"terminal", "directline", "msteams"…</param>
/// <param name="ConversationId">The channel's conversation id.</param>
/// <param name="AccountId">The channel's id for the sender.</param>
/// <param name="ActivityId">The channel's message id: a re-delivery with the same id is answered from the store, not processed twice.</param>
public sealed record InboundMessage(string Channel, string ConversationId, string AccountId, string? Text, string? ActivityId = null)
{
    public string? DisplayName { get; init; }
    /// <summary>How to reach the conversation outside a turn (Bot Connector channels), kept so an agent's replies can be delivered.</summary>
    public ChannelAddress? Address { get; init; }
    /// <summary>The SKU of a suggested product whose card button the customer pressed: the suggestion's click.</summary>
    public string? ClickedProductSku { get; init; }
}

/// <summary>The Bot Connector coordinates of a conversation: service URL, the bot's account on the channel, the tenant.</summary>
public sealed record ChannelAddress(string ServiceUrl, string? BotAccountId, string? TenantId);

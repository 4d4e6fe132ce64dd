using CrmBot.Core.Conversations;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Handoff;

/// <summary>Who a message to the customer is from when it is not the bot: the agent, by id and display name.</summary>
public sealed record ChannelSender(string Id, string Name)
{
    public static ChannelSender ForAgent(Agents.Agent agent) => new("agent:" + agent.Id, agent.DisplayName);
}

/// <summary>
/// Reaches a customer outside a turn, on the channel they wrote from (Web Chat through our Direct Line, Teams through
/// the Bot Connector). Implemented by the host, which knows the channels.
/// </summary>
public interface ICustomerChannel
{
    /// <summary>Sends a message; false when the conversation cannot be reached outside a turn (the terminal chat).</summary>
    Task<bool> SendAsync(Conversation conversation, BotMessage message, ChannelSender? sender, CancellationToken ct);

    Task SendTypingAsync(Conversation conversation, ChannelSender sender, CancellationToken ct);
}

using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.DirectLine;
using CrmBot.BotFramework.Schema;
using CrmBot.Core.Conversations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Messages;

namespace CrmBot.Channels;

/// <summary>
/// Delivers hand-off messages to the customer's own channel outside a turn: Web Chat through our Direct Line server,
/// Teams and other Azure Bot Service channels through the Bot Connector (ContinueConversation). Stateless; a singleton.
/// </summary>
public sealed class ChannelMessenger(DirectLineChannel directLine, CloudAdapter adapter, ILogger<ChannelMessenger> logger) : ICustomerChannel
{
    public Task<bool> SendAsync(Conversation conversation, BotMessage message, ChannelSender? sender, CancellationToken ct)
    {
        var activity = CustomerServiceBot.ToActivity(message, conversation.Channel);
        if (sender is not null)
        {
            // What an agent types is shown as typed: Web Chat would otherwise render it as Markdown.
            activity.TextFormat = "plain";
            if (conversation.Channel != DirectLineChannel.ChannelId)
            {
                // Connector channels show every message as the bot's; the agent's name goes in the text.
                activity.Text = $"{sender.Name}: {activity.Text}";
            }
        }
        return DeliverAsync(conversation, activity, sender, ct);
    }

    public Task SendTypingAsync(Conversation conversation, ChannelSender sender, CancellationToken ct) =>
        DeliverAsync(conversation, new Activity { Type = ActivityTypes.Typing }, sender, ct);

    private async Task<bool> DeliverAsync(Conversation conversation, Activity activity, ChannelSender? sender, CancellationToken ct)
    {
        if (conversation.Channel == DirectLineChannel.ChannelId)
        {
            activity.From = sender is null ? null : new ChannelAccount { Id = sender.Id, Name = sender.Name };
            await directLine.SendToConversationAsync(conversation.ChannelConversationId, activity, ct);
            return true;
        }
        if (Reference(conversation) is not { } reference)
        {
            logger.LogInformation("Conversation {ConversationId} on {Channel} cannot be reached outside a turn", conversation.Id, conversation.Channel);
            return false;
        }
        await adapter.ContinueConversationAsync(reference, (turn, token) => turn.SendActivityAsync(activity, token), ct);
        return true;
    }

    private static ConversationReference? Reference(Conversation conversation) =>
        string.IsNullOrEmpty(conversation.ServiceUrl) ? null : new ConversationReference
        {
            ChannelId = conversation.Channel,
            ServiceUrl = conversation.ServiceUrl,
            Conversation = new ConversationAccount { Id = conversation.ChannelConversationId, TenantId = conversation.TenantId },
            Bot = conversation.BotAccountId is null ? null : new ChannelAccount { Id = conversation.BotAccountId },
        };
}

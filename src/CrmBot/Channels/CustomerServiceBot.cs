using System.Text.Json.Nodes;
using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.Cards;
using CrmBot.BotFramework.Schema;
using CrmBot.BotFramework.Teams;
using CrmBot.Core.Conversations;
using CrmBot.Core.Messages;
using CrmBot.Core.Engine;

namespace CrmBot.Channels;

/// <summary>
/// The bot as the Bot Framework sees it: turns activities from any channel (Direct Line/Web Chat, Teams) into
/// engine turns, and the engine's replies into activities with suggested actions and product cards. Stateless; a singleton.
/// </summary>
public sealed class CustomerServiceBot(ConversationEngine engine, ILogger<CustomerServiceBot> logger) : IBot
{
    /// <summary>The event the web chat page posts when it opens (Web Chat's welcome pattern).</summary>
    public const string JoinEvent = "webchat/join";

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var channel = activity.ChannelId ?? "unknown";
        var conversationId = activity.Conversation?.Id;
        var userId = activity.From?.Id;
        if (conversationId is null || userId is null)
        {
            return;
        }
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                TurnResult result;
                await using (TypingIndicator.Start(turnContext, cancellationToken))
                {
                    result = await engine.HandleAsync(new InboundMessage(channel, conversationId, userId, MessageText(activity), activity.Id)
                    {
                        DisplayName = activity.From?.Name,
                        Address = Address(activity),
                        ClickedProductSku = ProductCards.ClickedSku(activity.Value),
                    }, cancellationToken);
                }
                // One send for the whole answer: a channel with its own log stores it in one write, and a turn run again
                // after a crash (the engine then answers from the store) shows nothing twice.
                await turnContext.SendActivitiesAsync([.. result.Replies.Select(reply => ToActivity(reply, channel))], cancellationToken);
                break;
            case ActivityTypes.Typing:
                await engine.CustomerTypingAsync(channel, conversationId, cancellationToken);
                break;
            case ActivityTypes.Event when activity.Name == JoinEvent:
                await turnContext.SendActivitiesAsync([ToActivity(await engine.WelcomeAsync(channel, conversationId, userId, cancellationToken), channel)], cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate when activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true && channel != "directline":
                // Direct Line clients announce themselves with the join event instead; elsewhere (Teams) a member joining is the cue.
                var member = activity.MembersAdded.First(m => m.Id != activity.Recipient?.Id);
                await turnContext.SendActivityAsync(ToActivity(await engine.WelcomeAsync(channel, conversationId, member.Id ?? userId, cancellationToken), channel), cancellationToken);
                break;
            default:
                logger.LogDebug("Ignored {ActivityType} activity on {Channel}", activity.Type, channel);
                break;
        }
    }

    // Teams puts an <at>Bot</at> mention in channel messages; a card button may arrive as a value instead of text
    // (postBack, Action.Submit).
    private static string? MessageText(Activity activity) =>
        !string.IsNullOrWhiteSpace(activity.Text) ? activity.RemoveRecipientMention()
        : activity.Value is JsonObject value && value["text"] is JsonValue text ? text.ToString()
        : activity.Text;

    // Our own Direct Line needs no address: it is reached in process. Connector channels are reached at their service URL.
    private static ChannelAddress? Address(Activity activity) =>
        activity.ChannelId == BotFramework.DirectLine.DirectLineChannel.ChannelId || string.IsNullOrEmpty(activity.ServiceUrl)
            ? null
            : new ChannelAddress(activity.ServiceUrl, activity.Recipient?.Id, activity.GetTenantId());

    public static Activity ToActivity(BotMessage message, string channel)
    {
        var activity = message.Products.Count > 0
            ? MessageFactory.Carousel(message.Products.Select(product => ProductCards.For(channel, product)), message.Text)
            : MessageFactory.Text(message.Text);
        activity.SuggestedActions = MessageFactory.SuggestedActions(message.SuggestedActions).SuggestedActions;
        return activity;
    }
}

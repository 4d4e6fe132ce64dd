using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// A turn on our own Direct Line server: the bot's replies go straight into the conversation log and out to its
/// streams, no Connector HTTP call in between.
/// </summary>
internal sealed class DirectLineTurnContext(Activity activity, DirectLineChannel channel) : ITurnContext
{
    public Activity Activity { get; } = activity;

    public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        // As the SDK's applyConversationReference does (digest §1.4): address the reply back to the sender.
        activity.Type ??= ActivityTypes.Message;
        activity.ReplyToId ??= Activity.Id;
        activity.From ??= Activity.Recipient;
        activity.Recipient ??= Activity.From;
        activity.Locale ??= Activity.Locale;
        activity.ServiceUrl ??= Activity.ServiceUrl;
        return channel.SendToConversationAsync(Activity.Conversation!.Id!, activity, cancellationToken);
    }
}

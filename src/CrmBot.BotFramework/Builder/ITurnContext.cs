using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Builder;

/// <summary>
/// One incoming activity and the way back to its conversation (SDK: ITurnContext). Each adapter (Bot Connector,
/// Direct Line) provides its own implementation of sending.
/// </summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>Sends an activity into the turn's conversation; conversation, from, recipient and replyToId are filled from the incoming activity when missing.</summary>
    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken);
}

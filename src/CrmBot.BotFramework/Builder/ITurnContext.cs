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

    /// <summary>
    /// Sends the turn's answer, in order (SDK SendActivitiesAsync). A channel that keeps its own log (Direct Line) stores
    /// them in one write, together with the end of the turn, and never twice when a turn is run again after a crash.
    /// </summary>
    async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>(activities.Count);
        foreach (var activity in activities)
        {
            responses.Add(await SendActivityAsync(activity, cancellationToken));
        }
        return responses;
    }

    /// <summary>True once the turn's pending row in the <see cref="IActivityInbox"/> was completed by the context itself.</summary>
    bool CompletedPendingTurn => false;
}

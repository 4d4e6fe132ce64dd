using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// A turn on our own Direct Line server: the bot's replies go straight into the conversation log and out to its
/// streams, no Connector HTTP call in between. Each reply is keyed by the activity it answers and its place in the
/// answer, so a turn run again after a crash never shows a reply twice.
/// </summary>
/// <param name="resumed">The turn ran before (it was pending at start-up), so some of its replies may be in the log already.</param>
internal sealed class DirectLineTurnContext(Activity activity, DirectLineChannel channel, long? pendingTurnId, bool resumed = false) : ITurnContext
{
    private int sent;

    public Activity Activity { get; } = activity;

    public bool CompletedPendingTurn { get; private set; }

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken) =>
        (await SendAsync([activity], completeTurn: false, cancellationToken))[0];

    public Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken) =>
        SendAsync(activities, completeTurn: pendingTurnId is not null, cancellationToken);

    private async Task<IReadOnlyList<ResourceResponse>> SendAsync(IReadOnlyList<Activity> activities, bool completeTurn, CancellationToken cancellationToken)
    {
        var keyed = new List<(Activity, string?)>(activities.Count);
        foreach (var reply in activities)
        {
            // As the SDK's applyConversationReference does (digest §1.4): address the reply back to the sender.
            reply.Type ??= ActivityTypes.Message;
            reply.ReplyToId ??= Activity.Id;
            reply.From ??= Activity.Recipient;
            reply.Recipient ??= Activity.From;
            reply.Locale ??= Activity.Locale;
            reply.ServiceUrl ??= Activity.ServiceUrl;
            keyed.Add((reply, Activity.Id is null || reply.IsType(ActivityTypes.Typing) ? null : $"reply:{Activity.Id}:{sent++}"));
        }
        var responses = await channel.SendToConversationAsync(Activity.Conversation!.Id!, keyed, completeTurn ? pendingTurnId : null, mayRepeat: resumed, cancellationToken);
        CompletedPendingTurn |= completeTurn;
        return responses;
    }
}

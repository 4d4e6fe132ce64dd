using System.Security.Claims;
using CrmBot.BotFramework.Authentication;
using CrmBot.BotFramework.Connector;
using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Builder;

/// <summary>
/// A turn on the Bot Connector path: the incoming activity and the way back through <see cref="ConnectorClient"/>
/// (SDK TurnContext). Sends may run concurrently (a typing indicator beside the bot's replies): the only state written
/// during the turn is <see cref="InvokeResponse"/>, read by the adapter after the bot has finished.
/// </summary>
public sealed class TurnContext : ITurnContext
{
    private readonly ConnectorClient connector;
    private volatile InvokeResponse? invokeResponse;

    public TurnContext(Activity activity, ConnectorClient connector, BotAuthenticationResult? authentication = null)
    {
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
        this.connector = connector ?? throw new ArgumentNullException(nameof(connector));
        Identity = authentication?.Identity;
        CallerId = authentication?.CallerId;
    }

    public Activity Activity { get; }

    /// <summary>Claims of the validated inbound token; null in development mode and for proactive turns.</summary>
    public ClaimsIdentity? Identity { get; }

    /// <summary>Who verifiably sent the activity (<c>urn:botframework:azure</c>), never taken from the wire (A2251).</summary>
    public string? CallerId { get; }

    /// <summary>The answer to an invoke, set when the bot sends an <see cref="Builder.InvokeResponse.ActivityType"/> activity.</summary>
    public InvokeResponse? InvokeResponse => invokeResponse;

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.IsType(Builder.InvokeResponse.ActivityType))
        {
            invokeResponse = Builder.InvokeResponse.FromActivity(activity);
            return new ResourceResponse(string.Empty);
        }

        ApplyConversationReference(activity);
        var serviceUrl = ServiceUrl();
        var conversationId = activity.Conversation!.Id!;

        // Reply when there is something to reply to, else append (SDK cloudAdapterBase sendActivities).
        return string.IsNullOrEmpty(activity.ReplyToId)
            ? await connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken)
            : await connector.ReplyToActivityAsync(serviceUrl, conversationId, activity.ReplyToId, activity, cancellationToken);
    }

    /// <summary>Replaces an activity the bot sent earlier in this conversation (e.g. a card after its button was used).</summary>
    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrEmpty(activity.Id, nameof(activity));
        var activityId = activity.Id;
        ApplyConversationReference(activity);
        activity.Id = activityId;
        return connector.UpdateActivityAsync(ServiceUrl(), activity.Conversation!.Id!, activityId, activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken) =>
        connector.DeleteActivityAsync(ServiceUrl(), Activity.Conversation!.Id!, activityId, cancellationToken);

    /// <summary>
    /// Addresses an outgoing activity to this turn's conversation (digest §1.4, SDK applyConversationReference): what the
    /// bot left empty is filled from the incoming activity, with from/recipient swapped and replyToId = incoming id.
    /// </summary>
    private void ApplyConversationReference(Activity outgoing)
    {
        var incoming = Activity;
        outgoing.ChannelId ??= incoming.ChannelId;

        // conversationType/isGroup are the channel's to state, not the bot's (A2083); Teams wants the tenant back.
        outgoing.Conversation ??= incoming.Conversation is { } c ? new ConversationAccount { Id = c.Id, Name = c.Name, TenantId = c.TenantId } : null;
        outgoing.From ??= Copy(incoming.Recipient);
        outgoing.Recipient ??= Copy(incoming.From);
        outgoing.ReplyToId ??= incoming.Id;
        outgoing.Locale ??= incoming.Locale;

        // Ids are assigned by the channel (A2031).
        outgoing.Id = null;
        if (string.IsNullOrEmpty(outgoing.Conversation?.Id))
        {
            throw new InvalidOperationException("The outgoing activity has no conversation id and the turn has none to give it.");
        }
    }

    private string ServiceUrl() =>
        Activity.ServiceUrl is { Length: > 0 } serviceUrl
            ? serviceUrl
            : throw new InvalidOperationException("The turn's activity has no serviceUrl, so there is no Connector to answer through.");

    private static ChannelAccount? Copy(ChannelAccount? account) =>
        account is null ? null : new ChannelAccount { Id = account.Id, Name = account.Name, AadObjectId = account.AadObjectId, Role = account.Role };
}

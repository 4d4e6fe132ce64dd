using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// The channel side of our Direct Line server: stamps activities as Azure's Direct Line does (digest §4.3), appends
/// them to the conversation log, pushes them to open streams and hands user activities to the bot. Also the way for
/// the host to send into a Direct Line conversation outside a turn (an agent's message during a hand-off).
/// Thread-safe: it holds no state of its own; the hub and turn runner are thread-safe, the store is resolved per call.
/// </summary>
public sealed class DirectLineChannel
{
    /// <summary>The <c>channelId</c> stamped on every activity of this server.</summary>
    public const string ChannelId = "directline";

    private readonly IServiceScopeFactory scopes;
    private readonly DirectLineStreamHub hub;
    private readonly TurnRunner turns;
    private readonly IPersonalDataRedactor? redactor;
    private readonly bool durableTurns;
    private readonly DirectLineOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<DirectLineChannel> logger;

    /// <param name="durableTurns">An <see cref="IActivityInbox"/> is registered: a user's activity is stored with its pending turn.</param>
    internal DirectLineChannel(IServiceScopeFactory scopes, DirectLineStreamHub hub, TurnRunner turns, IPersonalDataRedactor? redactor, bool durableTurns,
        IOptions<DirectLineOptions> options, TimeProvider time, ILogger<DirectLineChannel> logger)
    {
        this.durableTurns = durableTurns;
        this.scopes = scopes;
        this.hub = hub;
        this.turns = turns;
        this.redactor = redactor;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// Stores a bot activity in the conversation and pushes it to the conversation's streams. <c>typing</c> is pushed
    /// only, never stored: Direct Line delivers it over WebSockets alone (digest §4.3). Missing <c>from</c> becomes the
    /// bot's account; <c>from.role</c> is always <c>bot</c>, which is how Web Chat tells the bot's messages from the
    /// user's own (§4.9).
    /// </summary>
    public async Task<ResourceResponse> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        (await SendToConversationAsync(conversationId, [(activity, null)], completesTurn: null, mayRepeat: false, cancellationToken))[0];

    /// <summary>
    /// Sends bot activities in one write. An activity with an idempotency key the log already holds is not stored or
    /// pushed again (a turn run a second time after a crash); <paramref name="completesTurn"/> ends that pending turn
    /// in the same write. <paramref name="mayRepeat"/> says whether the keys may already be in the log at all.
    /// </summary>
    internal async Task<IReadOnlyList<ResourceResponse>> SendToConversationAsync(
        string conversationId, IReadOnlyList<(Activity Activity, string? IdempotencyKey)> activities, long? completesTurn, bool mayRepeat, CancellationToken cancellationToken)
    {
        var responses = new ResourceResponse?[activities.Count];
        var appends = new List<ActivityAppend>();
        var positions = new List<int>();
        for (int i = 0; i < activities.Count; i++)
        {
            var (activity, key) = activities[i];
            var from = activity.From;
            activity.From = new ChannelAccount { Id = from?.Id ?? options.BotId, Name = from?.Name ?? options.BotName, Role = "bot", Properties = from?.Properties };
            activity.Type ??= ActivityTypes.Message;
            activity.Conversation = new ConversationAccount { Id = conversationId };
            activity.ChannelId = ChannelId;
            activity.ServiceUrl ??= PublicServiceUrl();
            activity.Timestamp = time.GetUtcNow();
            activity.Id = null;
            if (activity.IsType(ActivityTypes.Typing))
            {
                activity.Id = DirectLineIds.EphemeralActivityId(conversationId);
                hub.Publish(conversationId, ActivitySetFrame.Create([JsonSerializer.Serialize(activity, BotJson.Options)], watermark: null));
                responses[i] = new ResourceResponse(activity.Id);
                continue;
            }
            appends.Add(new ActivityAppend(sequence => Stamp(conversationId, activity, sequence, redact: false), key, MayRepeat: mayRepeat));
            positions.Add(i);
        }
        if (appends.Count > 0 || completesTurn is not null)
        {
            var stored = await AppendAsync(conversationId, appends, completesTurn, cancellationToken);
            for (int i = 0; i < stored.Count; i++)
            {
                responses[positions[i]] = new ResourceResponse(stored[i].Activity.ActivityId);
            }
        }
        return responses.Select(r => r!).ToList();
    }

    /// <summary>
    /// Creates the conversation unless it exists. A new conversation whose user is known is announced to the bot with
    /// <c>conversationUpdate</c> (membersAdded: user and bot), as Azure does when the token carries the user (§4.3).
    /// </summary>
    internal async Task<(StoredConversation Conversation, bool Created)> StartAsync(string conversationId, string? userId, string serviceUrl, CancellationToken cancellationToken)
    {
        var conversation = new StoredConversation(conversationId, userId, time.GetUtcNow());
        if (!await UseStoreAsync(store => store.TryAddConversationAsync(conversation, cancellationToken)))
        {
            var existing = await UseStoreAsync(store => store.FindConversationAsync(conversationId, cancellationToken))
                ?? throw new InvalidOperationException($"Conversation {conversationId} was reported to exist but cannot be found.");
            return (existing, false);
        }
        logger.LogInformation("Started Direct Line conversation {ConversationId}", conversationId);
        if (userId is not null)
        {
            await AnnounceMembersAsync(conversationId, userId, serviceUrl, cancellationToken);
        }
        return (conversation, true);
    }

    /// <summary>
    /// Stamps, stores and echoes an activity a client posted, then queues the bot's turn for it; returns its id. The
    /// activity and its pending turn are stored in one write before the client hears back, so neither a failing turn
    /// nor a crash loses it. A retry of a post the store already holds (same <c>channelData.clientActivityID</c>, as
    /// Web Chat sends) gets the first post's id and runs no second turn. The log keeps the activity with personal data
    /// masked; the raw one is the pending turn's until the bot has answered.
    /// </summary>
    internal async Task<string> AcceptFromUserAsync(StoredConversation conversation, Activity activity, string userId, string serviceUrl, CancellationToken cancellationToken)
    {
        // Without a user in the token, Azure announces the user after their first activity (digest §4.3).
        if (conversation.UserId is null && await UseStoreAsync(store => store.TryClaimUserAsync(conversation.Id, userId, cancellationToken)))
        {
            await AnnounceMembersAsync(conversation.Id, userId, serviceUrl, cancellationToken);
        }

        activity.From = new ChannelAccount { Id = userId, Name = activity.From?.Name, Role = "user", Properties = activity.From?.Properties };
        activity.Recipient = BotAccount();
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = serviceUrl;
        activity.Timestamp = time.GetUtcNow();
        activity.Id = null;
        // callerId is set by the channel from verified identity only, never taken from the wire (A2251).
        foreach (var key in activity.Properties?.Keys.Where(k => k.Equals("callerId", StringComparison.OrdinalIgnoreCase)).ToList() ?? [])
        {
            activity.Properties!.Remove(key);
        }

        if (activity.IsType(ActivityTypes.Typing))
        {
            // Delivered to the bot only; the user's own client has no use for it and Direct Line does not store it.
            activity.Id = DirectLineIds.EphemeralActivityId(conversation.Id);
            turns.Enqueue(new DirectLineTurnContext(activity, this, pendingTurnId: null), pendingTurnId: null);
            return activity.Id;
        }
        var clientId = ClientActivityId(activity);
        var append = new ActivityAppend(
            sequence => Stamp(conversation.Id, activity, sequence, redact: true),
            clientId is null ? null : "client:" + clientId,
            durableTurns ? _ => JsonSerializer.Serialize(activity, BotJson.Options) : null);
        var stored = (await AppendAsync(conversation.Id, [append], completesTurn: null, cancellationToken))[0];
        if (stored.Duplicate)
        {
            logger.LogInformation("Repeated post {ActivityId} in {ConversationId} answered with the first one's id", stored.Activity.ActivityId, conversation.Id);
        }
        else
        {
            turns.Enqueue(new DirectLineTurnContext(activity, this, stored.PendingTurnId), stored.PendingTurnId);
        }
        return stored.Activity.ActivityId;
    }

    internal Task<IReadOnlyList<StoredActivity>> ListAsync(string conversationId, long afterSequence, CancellationToken cancellationToken) =>
        UseStoreAsync(store => store.ListActivitiesAsync(conversationId, afterSequence, options.MaxActivitiesPerPage, cancellationToken));

    /// <summary>Direct Line never shows <c>conversationUpdate</c> to clients (digest §4.3); it stays in the log for the record.</summary>
    internal static bool IsDeliveredToClients(StoredActivity activity) =>
        !string.Equals(activity.Type, ActivityTypes.ConversationUpdate, StringComparison.OrdinalIgnoreCase);

    private async Task AnnounceMembersAsync(string conversationId, string userId, string serviceUrl, CancellationToken cancellationToken)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            From = new ChannelAccount { Id = userId, Role = "user" },
            Recipient = BotAccount(),
            Conversation = new ConversationAccount { Id = conversationId },
            ChannelId = ChannelId,
            ServiceUrl = serviceUrl,
            Timestamp = time.GetUtcNow(),
            MembersAdded = [new ChannelAccount { Id = userId }, new ChannelAccount { Id = options.BotId, Name = options.BotName }],
        };
        await AppendAsync(conversationId, [new ActivityAppend(sequence => Stamp(conversationId, activity, sequence, redact: false))], completesTurn: null, cancellationToken);
        turns.Enqueue(new DirectLineTurnContext(activity, this, pendingTurnId: null), pendingTurnId: null);
    }

    private async Task<IReadOnlyList<AppendedActivity>> AppendAsync(string conversationId, IReadOnlyList<ActivityAppend> appends, long? completesTurn, CancellationToken cancellationToken)
    {
        var stored = await UseStoreAsync(store => store.AppendActivitiesAsync(conversationId, appends, completesTurn, cancellationToken));
        var fresh = stored.Where(a => !a.Duplicate && IsDeliveredToClients(a.Activity)).Select(a => a.Activity).ToList();
        if (fresh.Count > 0)
        {
            hub.Publish(conversationId, ActivitySetFrame.ForStored(fresh));
        }
        return stored;
    }

    /// <summary>
    /// The store from a scope of its own: this singleton also runs outside requests (bot turns, proactive sends), and
    /// the host may register the store with any lifetime.
    /// </summary>
    private async Task<T> UseStoreAsync<T>(Func<IDirectLineStore, Task<T>> use)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<IDirectLineStore>());
    }

    private StoredActivity Stamp(string conversationId, Activity activity, long sequence, bool redact)
    {
        activity.Id = DirectLineIds.ActivityId(conversationId, sequence);
        var json = redact && redactor is not null ? RedactedJson(activity, redactor) : JsonSerializer.Serialize(activity, BotJson.Options);
        if (Encoding.UTF8.GetByteCount(json) > options.MaxBotActivityBytes)
        {
            throw new InvalidOperationException($"A {activity.Type} activity of {Encoding.UTF8.GetByteCount(json)} bytes is larger than DirectLine:MaxBotActivityBytes ({options.MaxBotActivityBytes}).");
        }
        return new StoredActivity(sequence, activity.Id, activity.Type!, activity.From?.Role, activity.Timestamp!.Value, json);
    }

    /// <summary>The activity as the log keeps it: text and the strings of a card's submitted value masked.</summary>
    private static string RedactedJson(Activity activity, IPersonalDataRedactor redactor)
    {
        var copy = JsonSerializer.SerializeToNode(activity, BotJson.Options)!.AsObject();
        if (activity.Text is { } text)
        {
            copy["text"] = redactor.Redact(text);
        }
        if (copy["value"] is { } value)
        {
            copy["value"] = RedactStrings(value, redactor);
        }
        return copy.ToJsonString(BotJson.Options);
    }

    private static JsonNode? RedactStrings(JsonNode? node, IPersonalDataRedactor redactor) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(redactor.Redact(text)),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, RedactStrings(p.Value, redactor)))),
        JsonArray array => new JsonArray(array.Select(item => RedactStrings(item, redactor)).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>The id Web Chat gives each post in <c>channelData.clientActivityID</c>, which its retries repeat.</summary>
    private static string? ClientActivityId(Activity activity) =>
        activity.ChannelData is JsonObject data && data["clientActivityID"] is JsonValue id && id.TryGetValue<string>(out var text)
            && text.Length is > 0 and <= 100 ? text : null;

    private ChannelAccount BotAccount() => new() { Id = options.BotId, Name = options.BotName, Role = "bot" };

    private string? PublicServiceUrl() => options.PublicBaseUrl is { Length: > 0 } url ? url.TrimEnd('/') + "/" : null;
}

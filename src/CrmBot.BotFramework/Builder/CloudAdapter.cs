using System.Globalization;
using System.Net;
using System.Text.Json;
using CrmBot.BotFramework.Authentication;
using CrmBot.BotFramework.Connector;
using CrmBot.BotFramework.DirectLine;
using CrmBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.Builder;

/// <summary>
/// The Bot Connector adapter (SDK CloudAdapter): authenticates <c>POST /api/messages</c>, runs the bot's turn and
/// answers as the SDK does (digest §2.3): 401 on any authentication failure without running the bot, 400 for an
/// unusable body, 200 once the turn is done (replies go out-of-band through the Connector), and for <c>invoke</c> the
/// bot's invoke response or 501. With an <see cref="IActivityInbox"/> registered, an activity is stored as a pending
/// turn before the bot sees it: a redelivery of an activity id already accepted (the channel retries when an answer
/// is slow or lost) gets 200 without a second turn, and a turn cut short by a crash runs again at the next start.
/// Beyond the SDK: 413 above <see cref="BotOptions.MaxActivityBytes"/>, and development mode (no app id) takes callers
/// only from this machine outside the Development environment and replies only to <see cref="BotOptions.AllowedServiceUrls"/>.
/// Also starts proactive turns. Thread-safe singleton: it holds no per-turn state.
/// </summary>
public sealed partial class CloudAdapter(
    BotFrameworkAuthenticator authenticator, ConnectorClient connector, TurnRunner turns, IServiceScopeFactory scopes,
    IOptions<BotOptions> options, IHostEnvironment environment, ILogger<CloudAdapter> logger)
{
    /// <summary>Name of the event activity a proactive turn starts with (SDK ConversationReference.GetContinuationActivity).</summary>
    public const string ContinueConversationEventName = "ContinueConversation";

    public const string CreateConversationEventName = "CreateConversation";

    public async Task ProcessAsync(HttpRequest request, HttpResponse response, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(bot);

        if (!HttpMethods.IsPost(request.Method))
        {
            response.Headers.Allow = HttpMethods.Post;
            await WriteProblemAsync(response, StatusCodes.Status405MethodNotAllowed, "Method not allowed", "Activities are delivered with POST.");
            return;
        }

        // The token is checked before the body is read, so an unauthenticated caller learns nothing about parsing.
        var authentication = await authenticator.AuthenticateTokenAsync(request.Headers.Authorization, cancellationToken);
        if (!authentication.IsAuthenticated)
        {
            await RefuseAsync(response, authentication);
            return;
        }

        // Without a token anyone who reaches the port is believed: outside Development that must be this machine
        // (the Emulator, a local test), never the network.
        if (authentication.IsAnonymous && !environment.IsDevelopment() && !IsLoopback(request.HttpContext.Connection.RemoteIpAddress))
        {
            await RefuseAsync(response, BotAuthenticationResult.Failed(
                "Without Bot:MicrosoftAppId (development mode) this bot takes requests only from its own machine outside the Development environment; set the app id to accept a channel."));
            return;
        }

        var limit = options.Value.MaxActivityBytes;
        var body = await DirectLineRequests.ReadBodyAsync(request, limit, cancellationToken);
        if (body is null)
        {
            await WriteProblemAsync(response, StatusCodes.Status413PayloadTooLarge, "Activity too large", $"The activity is larger than {limit} bytes (Bot:MaxActivityBytes).");
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException ex)
        {
            await WriteProblemAsync(response, StatusCodes.Status400BadRequest, "Malformed activity", $"The body is not a JSON activity: {ex.Message}");
            return;
        }

        var problem = activity is null ? "The body is empty or JSON null." : IncomingActivity.Problem(activity);
        if (activity is null || problem is not null)
        {
            await WriteProblemAsync(response, StatusCodes.Status400BadRequest, "Malformed activity", problem!);
            return;
        }

        authentication = authenticator.AuthorizeActivity(authentication, activity);
        if (!authentication.IsAuthenticated)
        {
            await RefuseAsync(response, authentication);
            return;
        }

        // Replies go to the activity's serviceUrl. A channel token vouches for it; without one it is whatever the
        // caller wrote, so it must be on the allow-list or the bot would post wherever a stranger names.
        if (authentication.IsAnonymous && !string.IsNullOrEmpty(activity.ServiceUrl) && !options.Value.AllowsServiceUrl(activity.ServiceUrl))
        {
            await WriteProblemAsync(response, StatusCodes.Status400BadRequest, "Service URL not allowed",
                "Without Bot:MicrosoftAppId replies go only to service URLs in Bot:AllowedServiceUrls (by default this machine); the activity's serviceUrl is not one of them.");
            return;
        }

        // callerId is the adapter's statement about a verified sender; whatever arrived on the wire is discarded (A2251).
        activity.Properties?.Remove("callerId");

        var context = new TurnContext(activity, connector, authentication);
        LogTurn(logger, activity.Type!, activity.ChannelId, activity.Id);
        if (!activity.IsType(ActivityTypes.Invoke))
        {
            var (run, pendingTurnId) = await AdmitAsync(activity, cancellationToken);
            if (run)
            {
                // The runner keeps this conversation's turns in order and finishes the turn even if the caller hangs up.
                await turns.RunAsync(context, pendingTurnId, bot);
            }
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        // An invoke's answer is the HTTP response itself, so it runs here and now; a redelivered invoke simply runs again.
        await bot.OnTurnAsync(context, cancellationToken);

        // An invoke nobody answered is "not implemented", as the SDK's adapter and ActivityHandler answer (digest §2.5).
        var invokeResponse = context.InvokeResponse ?? new InvokeResponse(StatusCodes.Status501NotImplemented);
        response.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is not null)
        {
            await response.WriteAsJsonAsync(invokeResponse.Body, BotJson.Options, cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="callback"/> in an existing conversation, e.g. to tell a customer an agent answered
    /// (SDK ContinueConversationAsync). The reference must come from a validated inbound activity (A7560); sends go
    /// to send-to-conversation because there is no activity to reply to.
    /// </summary>
    public async Task ContinueConversationAsync(ConversationReference reference, Func<ITurnContext, CancellationToken, Task> callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(callback);
        if (string.IsNullOrEmpty(reference.Conversation?.Id) || string.IsNullOrEmpty(reference.ServiceUrl) || string.IsNullOrEmpty(reference.ChannelId))
        {
            // A7550: a reference names at least the channel and the conversation; without a serviceUrl it cannot be reached.
            throw new ArgumentException("A conversation reference needs channelId, serviceUrl and conversation.id.", nameof(reference));
        }

        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = ContinueConversationEventName,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale,
            RelatesTo = reference,
        };
        await callback(new TurnContext(activity, connector), cancellationToken);
    }

    /// <summary>
    /// Creates a conversation (Teams: a 1:1 chat with a user who has the app, or a new channel thread; digest §5.3), then
    /// runs <paramref name="callback"/> in it. Returns the new conversation's id, to store for later proactive messages.
    /// </summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(
        string channelId, string serviceUrl, ConversationParameters parameters, Func<ITurnContext, CancellationToken, Task> callback, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(callback);

        var created = await connector.CreateConversationAsync(serviceUrl, parameters, cancellationToken);
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = CreateConversationEventName,
            Id = created.ActivityId,
            ChannelId = channelId,
            ServiceUrl = created.ServiceUrl ?? serviceUrl,
            Conversation = new ConversationAccount { Id = created.Id, TenantId = parameters.TenantId, IsGroup = parameters.IsGroup },
            Recipient = parameters.Bot,
            From = parameters.Members is [var member, ..] ? member : null,
            ChannelData = parameters.ChannelData?.DeepClone(),
        };
        await callback(new TurnContext(activity, connector), cancellationToken);
        return created;
    }

    /// <summary>
    /// Whether to run the turn, and its row in the inbox (none without an inbox or an activity id to recognise a
    /// redelivery by). A redelivery is not run again: the first delivery's turn has run or is pending.
    /// </summary>
    private async Task<(bool Run, long? PendingTurnId)> AdmitAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(activity.Id))
        {
            return (true, null);
        }
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IActivityInbox>() is not { } inbox)
        {
            return (true, null);
        }
        var admitted = await inbox.TryAdmitAsync(activity.ChannelId ?? "", activity.Conversation!.Id!, activity.Id, JsonSerializer.Serialize(activity, BotJson.Options), cancellationToken);
        if (admitted is null)
        {
            LogRedelivery(logger, activity.Id, activity.ChannelId);
            return (false, null);
        }
        return (true, admitted);
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static Task RefuseAsync(HttpResponse response, BotAuthenticationResult authentication)
    {
        // Keys that cannot be fetched say nothing about the token: a 401 would tell the channel its credentials are
        // wrong and the message is dropped, while 503 with Retry-After is a failure on our side worth retrying.
        if (authentication.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return WriteProblemAsync(response, StatusCodes.Status503ServiceUnavailable, "Authentication unavailable", authentication.FailureReason!);
        }

        response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(response, StatusCodes.Status401Unauthorized, "Unauthorized", authentication.FailureReason ?? "The request is not authenticated.");
    }

    private static async Task WriteProblemAsync(HttpResponse response, int status, string title, string detail)
    {
        response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };

        // The host's IProblemDetailsService adds its customisations (trace id) when registered.
        var problemDetails = response.HttpContext.RequestServices?.GetService<IProblemDetailsService>();
        if (problemDetails is null || !await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = response.HttpContext, ProblemDetails = problem }))
        {
            await response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityId} on channel {ChannelId} was delivered again; already accepted, not run twice")]
    private static partial void LogRedelivery(ILogger logger, string activityId, string? channelId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn for {ActivityType} activity {ActivityId} on channel {ChannelId}")]
    private static partial void LogTurn(ILogger logger, string activityType, string? channelId, string? activityId);
}

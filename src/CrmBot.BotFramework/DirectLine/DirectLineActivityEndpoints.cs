using System.Text.Json;
using CrmBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>Sending an activity into a conversation and polling for what happened since a watermark (digest §4.1 #5, #6).</summary>
internal static class DirectLineActivityEndpoints
{
    /// <summary>What a client may post, by canonical name. Anything else (conversationUpdate, invoke…) is the channel's or the bot's to send.</summary>
    private static readonly string[] ClientActivityTypes =
        [ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing, ActivityTypes.EndOfConversation, ActivityTypes.MessageReaction];

    /// <summary>
    /// The ActivitySet after <paramref name="watermark"/>, the user's own activities included (Web Chat waits for that
    /// echo, §4.9). The returned watermark is the sequence number of the last activity looked at, so a client that
    /// sends it back gets nothing twice; with nothing new it is the watermark sent.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetActivitiesAsync(
        HttpContext http, string conversationId, string? watermark, DirectLineChannel channel, IDirectLineStore store,
        IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (!DirectLineIds.TryParseWatermark(watermark, out var after))
        {
            return DirectLineProblems.BadRequest("watermark must be a number.");
        }
        if (await DirectLineEndpoints.FindOrStartAsync(http, conversationId, channel, store, options.Value, cancellationToken) is null)
        {
            return DirectLineProblems.NotFound();
        }
        var page = await channel.ListAsync(conversationId, after, cancellationToken);
        var frame = ActivitySetFrame.Create(
            page.Where(DirectLineChannel.IsDeliveredToClients).Select(a => a.Json),
            page.Count > 0 ? page[^1].Sequence : after);
        return TypedResults.Bytes(frame.Utf8Json, "application/json; charset=utf-8");
    }

    /// <summary>
    /// Validates, stamps and stores the activity, answers <c>{ id }</c> (DirectLineJS reads <c>response.id</c>, §4.1 #6),
    /// and queues the bot's turn. The bot's replies reach the client through the stream or the next poll.
    /// </summary>
    public static async Task<Results<Ok<ResourceResponse>, ProblemHttpResult>> PostActivityAsync(
        HttpContext http, string conversationId, DirectLineChannel channel, IDirectLineStore store,
        IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var body = await DirectLineRequests.ReadBodyAsync(http.Request, limits.MaxActivityBytes, cancellationToken);
        if (body is null)
        {
            return DirectLineProblems.TooLarge(limits.MaxActivityBytes);
        }
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException ex)
        {
            return DirectLineProblems.BadRequest($"The body is not a valid JSON activity: {ex.Message}", "BadSyntax");
        }
        if (activity is null)
        {
            return DirectLineProblems.BadRequest("The body must be an activity object.", "BadSyntax");
        }
        if (Validate(activity, limits) is { } reason)
        {
            return DirectLineProblems.BadRequest(reason);
        }

        var conversation = await DirectLineEndpoints.FindOrStartAsync(http, conversationId, channel, store, limits, cancellationToken);
        if (conversation is null)
        {
            return DirectLineProblems.NotFound();
        }
        var caller = http.Caller();
        // A user id in the token (or the one the conversation is bound to) overrides what the client says (§4.2); the
        // secret's holder is trusted to say whom it speaks for.
        var userId = caller.IsSecret
            ? (string.IsNullOrEmpty(activity.From?.Id) ? conversation.UserId : activity.From.Id)
            : caller.UserId ?? conversation.UserId ?? activity.From?.Id;
        if (string.IsNullOrEmpty(userId))
        {
            return DirectLineProblems.BadRequest("from.id is required: the token carries no user id.");
        }
        if (!DirectLineIds.IsUserId(userId))
        {
            return DirectLineProblems.BadRequest($"from.id must be 1 to {DirectLineIds.MaxUserIdLength} characters without spaces or control characters.");
        }

        var id = await channel.AcceptFromUserAsync(conversation, activity, userId, DirectLineRequests.ServiceUrl(http.Request, limits), cancellationToken);
        return TypedResults.Ok(new ResourceResponse(id));
    }

    /// <summary>Why the activity cannot be accepted, or null. Normalizes the type's casing, since receivers accept any (A2002).</summary>
    private static string? Validate(Activity activity, DirectLineOptions limits)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "type is required.";
        }
        var type = ClientActivityTypes.FirstOrDefault(t => t.Equals(activity.Type, StringComparison.OrdinalIgnoreCase));
        if (type is null)
        {
            return $"type must be one of {string.Join(", ", ClientActivityTypes)}.";
        }
        activity.Type = type;
        if (activity.Text is { Length: var length } && length > limits.MaxTextLength)
        {
            return $"text is {length} characters long; at most {limits.MaxTextLength} are accepted.";
        }
        if (type == ActivityTypes.Event && string.IsNullOrWhiteSpace(activity.Name))
        {
            // An event's name decides what its value means (A5001).
            return "An event needs a name.";
        }
        return null;
    }
}

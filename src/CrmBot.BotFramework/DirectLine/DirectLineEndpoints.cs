using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// The Direct Line 3.0 endpoints under <c>/v3/directline</c> (digest §4.1): tokens, conversations, activities and the
/// WebSocket stream. Web Chat points at it with <c>createDirectLine({ token, domain: "{base}/v3/directline" })</c>.
/// </summary>
public static class DirectLineEndpoints
{
    public const string Prefix = "/v3/directline";

    internal const string ConversationIdRouteValue = "conversationId";

    /// <summary>
    /// Maps the endpoints and, when given the application itself, adds the WebSocket middleware the stream needs (adding
    /// it twice is harmless). Returns the <c>/v3/directline</c> group, e.g. for <c>RequireCors</c> when the chat page is
    /// served from another origin (digest §4.9).
    /// </summary>
    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints is IApplicationBuilder app)
        {
            app.UseWebSockets();
        }
        var directLine = endpoints.MapGroup(Prefix).WithTags("Direct Line");

        // The stream authenticates with the short-lived token in its URL: browsers cannot set headers on WebSockets.
        directLine.MapGet("/conversations/{conversationId}/stream", DirectLineStreamEndpoint.HandleAsync).ExcludeFromDescription();

        var api = directLine.MapGroup("").AddEndpointFilter<DirectLineAuthorizationFilter>();
        api.MapPost("/tokens/generate", GenerateTokenAsync);
        api.MapPost("/tokens/refresh", RefreshToken);
        api.MapPost("/conversations", StartConversationAsync);
        api.MapGet("/conversations/{conversationId}", ReconnectAsync);
        api.MapGet("/conversations/{conversationId}/activities", DirectLineActivityEndpoints.GetActivitiesAsync);
        api.MapPost("/conversations/{conversationId}/activities", DirectLineActivityEndpoints.PostActivityAsync);
        return directLine;
    }

    /// <summary>Secret only: a token for a new conversation, for the web page's back end (digest §4.1 #1).</summary>
    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> GenerateTokenAsync(
        HttpContext http, DirectLineTokenService tokens, DirectLineConversationLimiter limiter, CancellationToken cancellationToken)
    {
        if (!http.Caller().IsSecret)
        {
            return DirectLineProblems.Forbidden("Only the secret can generate tokens.");
        }
        var (parameters, problem) = await DirectLineRequests.ReadTokenParametersAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (!limiter.TryAcquire(DirectLineRequests.ClientKey(http)))
        {
            return TooManyConversations(http);
        }
        return TypedResults.Ok(tokens.GenerateConversation(parameters.RequestedUserId()));
    }

    /// <summary>Token only: a fresh token for the same conversation and user (DirectLineJS calls it every 15 min).</summary>
    private static Results<Ok<ConversationResponse>, ProblemHttpResult> RefreshToken(HttpContext http, DirectLineTokenService tokens)
    {
        var caller = http.Caller();
        if (caller.IsSecret)
        {
            return DirectLineProblems.BadRequest("The secret does not expire; only tokens are refreshed.");
        }
        return TypedResults.Ok(new ConversationResponse(caller.ConversationId!, tokens.IssueToken(caller.ConversationId!, caller.UserId), tokens.ExpiresInSeconds));
    }

    /// <summary>
    /// Starts a conversation: with a token, the token's own (201 the first time, 200 after); with the secret, a new one.
    /// Answers a fresh token and the stream URL (digest §4.1 #3).
    /// </summary>
    private static async Task<Results<Created<ConversationResponse>, Ok<ConversationResponse>, ProblemHttpResult>> StartConversationAsync(
        HttpContext http, DirectLineChannel channel, DirectLineTokenService tokens, DirectLineConversationLimiter limiter,
        IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var (parameters, problem) = await DirectLineRequests.ReadTokenParametersAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        string conversationId;
        string? userId;
        if (caller.IsSecret)
        {
            if (!limiter.TryAcquire(DirectLineRequests.ClientKey(http)))
            {
                return TooManyConversations(http);
            }
            conversationId = DirectLineIds.NewConversationId();
            userId = parameters.RequestedUserId();
        }
        else
        {
            // The token decides; a user id in the body cannot override the one the token was minted for (§4.2).
            conversationId = caller.ConversationId!;
            userId = caller.UserId;
        }
        var (conversation, created) = await channel.StartAsync(conversationId, userId, DirectLineRequests.ServiceUrl(http.Request, options.Value), cancellationToken);
        var response = Describe(http, conversation, caller, tokens, options.Value, watermark: null);
        return created ? TypedResults.Created($"{Prefix}/conversations/{conversationId}", response) : TypedResults.Ok(response);
    }

    /// <summary>Reconnect: a new stream URL replaying from <paramref name="watermark"/> and a fresh token (digest §4.1 #4).</summary>
    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> ReconnectAsync(
        HttpContext http, string conversationId, string? watermark, DirectLineChannel channel, IDirectLineStore store,
        DirectLineTokenService tokens, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (!DirectLineIds.TryParseWatermark(watermark, out var after))
        {
            return DirectLineProblems.BadRequest("watermark must be a number.");
        }
        var conversation = await FindOrStartAsync(http, conversationId, channel, store, options.Value, cancellationToken);
        if (conversation is null)
        {
            return DirectLineProblems.NotFound();
        }
        return TypedResults.Ok(Describe(http, conversation, http.Caller(), tokens, options.Value, string.IsNullOrEmpty(watermark) ? null : after));
    }

    /// <summary>
    /// The conversation, started now if it is the caller's token's own and not started yet: on Azure, generating the
    /// token already creates it, so clients may skip the start call (DirectLineJS does when given a conversation id).
    /// </summary>
    internal static async Task<StoredConversation?> FindOrStartAsync(
        HttpContext http, string conversationId, DirectLineChannel channel, IDirectLineStore store, DirectLineOptions options, CancellationToken cancellationToken)
    {
        var conversation = await store.FindConversationAsync(conversationId, cancellationToken);
        var caller = http.Caller();
        if (conversation is not null || caller.IsSecret)
        {
            return conversation;
        }
        var (started, _) = await channel.StartAsync(conversationId, caller.UserId, DirectLineRequests.ServiceUrl(http.Request, options), cancellationToken);
        return started;
    }

    private static ConversationResponse Describe(HttpContext http, StoredConversation conversation, DirectLineCaller caller, DirectLineTokenService tokens, DirectLineOptions options, long? watermark)
    {
        var userId = caller.UserId ?? conversation.UserId;
        var streamUrl = DirectLineRequests.StreamUrl(http.Request, options, conversation.Id, tokens.IssueStreamToken(conversation.Id, userId), watermark);
        return new ConversationResponse(conversation.Id, tokens.IssueToken(conversation.Id, userId), tokens.ExpiresInSeconds, streamUrl);
    }

    private static ProblemHttpResult TooManyConversations(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "60";
        return DirectLineProblems.TooManyRequests();
    }
}

using CrmBot.BotFramework.DirectLine;
using CrmBot.Channels;
using CrmBot.Core.Customers;
using CrmBot.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using CrmBot.Core.Engine;

namespace CrmBot.Endpoints;

/// <summary>
/// Starts a web chat: mints a Direct Line token for a new conversation (the page never sees the Direct Line secret)
/// and, with the demo sign-in (<see cref="WebChatOptions.DemoSignIn"/>), links the conversation's user to a listed demo customer.
/// </summary>
public static class ChatEndpoints
{
    public static RouteGroupBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/chat").WithTags("Web chat");
        group.MapPost("/session", StartSessionAsync).RequireRateLimiting(WebChatOptions.SessionRateLimit);
        return group;
    }

    private static async Task<Results<Ok<ChatSessionResponse>, ValidationProblem, ProblemHttpResult>> StartSessionAsync(
        ChatSessionRequest? request, DirectLineTokenService tokens, ConversationEngine engine, CrmDbContext db,
        IOptions<WebChatOptions> options, IHostEnvironment environment, CancellationToken ct)
    {
        var userId = "dl_" + Guid.NewGuid().ToString("N");
        string? userName = null;
        var email = request?.CustomerEmail?.Trim();
        if (!string.IsNullOrEmpty(email))
        {
            // Refused before any lookup, in the same words for every address: the answer must not tell who is a customer.
            if (!options.Value.IsDemoSignInOn(environment))
            {
                return TypedResults.Problem("Demo sign-in is turned off; start the chat as a guest.", statusCode: StatusCodes.Status403Forbidden);
            }
            // Only the listed demo customers, so any other address, a customer's or not, gets the same answer.
            var normalized = Customer.NormalizeEmail(email);
            var customer = (await DemoEndpoints.DemoCustomersAsync(db, ct)).FirstOrDefault(c => c.Email == normalized);
            if (customer is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["customerEmail"] = ["Not one of the demo customers; pick one from the list or chat as a guest."] });
            }
            await engine.LinkAccountAsync(DirectLineChannel.ChannelId, userId, normalized, ct);
            userName = customer.Name;
        }
        var conversation = tokens.GenerateConversation(userId);
        return TypedResults.Ok(new ChatSessionResponse(conversation.Token, conversation.ConversationId, userId, userName, conversation.ExpiresIn));
    }
}

public sealed record ChatSessionRequest(string? CustomerEmail);

public sealed record ChatSessionResponse(string Token, string ConversationId, string UserId, string? UserName, int ExpiresIn);

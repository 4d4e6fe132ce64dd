using CrmBot.BotFramework.DirectLine;
using CrmBot.Channels;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmBot.Endpoints;

/// <summary>
/// Starts a web chat: mints a Direct Line token for a new conversation (the page never sees the Direct Line secret)
/// and, with the demo sign-in, links the conversation's user to a seeded customer.
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
        IOptions<WebChatOptions> options, CancellationToken ct)
    {
        var userId = "dl_" + Guid.NewGuid().ToString("N");
        string? userName = null;
        var email = request?.CustomerEmail?.Trim();
        if (!string.IsNullOrEmpty(email))
        {
            if (!options.Value.DemoSignIn)
            {
                return TypedResults.Problem("Demo sign-in is turned off; start the chat as a guest.", statusCode: StatusCodes.Status403Forbidden);
            }
            var normalized = Customer.NormalizeEmail(email);
            var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Email == normalized, ct);
            if (customer is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["customerEmail"] = ["No demo customer has that email address."] });
            }
            await engine.LinkAccountAsync(DirectLineChannel.ChannelId, userId, normalized, ct);
            userName = customer.FullName;
        }
        var conversation = tokens.GenerateConversation(userId);
        return TypedResults.Ok(new ChatSessionResponse(conversation.Token, conversation.ConversationId, userId, userName, conversation.ExpiresIn));
    }
}

public sealed record ChatSessionRequest(string? CustomerEmail);

public sealed record ChatSessionResponse(string Token, string ConversationId, string UserId, string? UserName, int ExpiresIn);

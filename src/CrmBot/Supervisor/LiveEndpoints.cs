using System.Security.Claims;
using CrmBot.Core.Agents;
using CrmBot.Core.Handoff;
using CrmBot.Core.Storage;
using CrmBot.Core.Supervision;
using CrmBot.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CrmBot.Supervisor;

/// <summary>
/// The live view's API: the active conversations (the page's initial state; the hub sends what changes), a
/// transcript, the agents, and the supervisor's actions. Supervisors and admins; POSTs need the antiforgery header
/// from <c>/me</c>. Refusals are problem responses whose detail the page shows as is.
/// </summary>
public static class LiveEndpoints
{
    public const string Path = "/api/supervisor/live";

    public static RouteGroupBuilder MapSupervisorLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<SupervisorHub>(SupervisorHub.Path);
        var group = app.MapGroup(Path).WithTags("Supervisor live view")
            .RequireAuthorization(StaffPolicies.Supervisor)
            .AddEndpointFilter<AntiforgeryFilter>();
        group.MapGet("/", ListAsync);
        group.MapGet("/me", MeAsync);
        group.MapGet("/agents", (LiveConversations live, CrmDbContext db, CancellationToken ct) => live.AgentsAsync(db, ct));
        group.MapGet("/conversations/{id:guid}/transcript", async Task<Results<Ok<LiveTranscript>, ProblemHttpResult>> (
            Guid id, LiveConversations live, CrmDbContext db, CancellationToken ct) =>
            await live.TranscriptAsync(db, id, ct) is { } transcript
                ? TypedResults.Ok(transcript)
                : TypedResults.Problem($"There is no conversation {id}.", statusCode: StatusCodes.Status404NotFound));
        group.MapPost("/conversations/{id:guid}/assign", (Guid id, AssignRequest request, SupervisorActions actions, CrmDbContext db, CancellationToken ct) =>
            request.AgentId is { } agentId
                ? ToResult(actions.AssignAsync(db, id, agentId, ct))
                : Task.FromResult<IResult>(TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["agentId"] = ["Choose the agent to assign the conversation to."] })));
        group.MapPost("/conversations/{id:guid}/take-over", TakeOverAsync);
        group.MapPost("/alerts/{id:int}/acknowledge", async (int id, HttpContext http, UserManager<StaffUser> users, SupervisorActions actions, CrmDbContext db, CancellationToken ct) =>
            await ToResult(actions.AcknowledgeAsync(db, id, (await users.GetUserAsync(http.User))?.DisplayName ?? http.User.Identity?.Name ?? "a supervisor", ct)));
        return group;
    }

    private static async Task<Results<Ok<LiveView>, ValidationProblem>> ListAsync(
        [FromQuery] string? channel, [FromQuery] string? owner, [FromQuery] double? sentimentBelow, [FromQuery] bool? escalatedOnly,
        LiveConversations live, CrmDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!LiveConversations.IsOwnerFilter(owner))
        {
            errors["owner"] = [$"Owner is one of {string.Join(", ", LiveConversations.OwnerFilters)} or an agent's id."];
        }
        if (sentimentBelow is < -1 or > 1)
        {
            errors["sentimentBelow"] = ["Sentiment is between -1 and 1."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await live.ListAsync(db, new LiveFilter(channel, owner, sentimentBelow, escalatedOnly ?? false), ct));
    }

    private static async Task<Ok<SupervisorProfile>> MeAsync(HttpContext http, IAntiforgery antiforgery, UserManager<StaffUser> users, CrmDbContext db, CancellationToken ct)
    {
        var user = await users.GetUserAsync(http.User);
        var agent = await SupervisorAgentAsync(http, db, ct);
        return TypedResults.Ok(new SupervisorProfile(user?.DisplayName ?? http.User.Identity?.Name ?? "", agent?.Id,
            agent is null ? NoAgentProfile : null, antiforgery.GetAndStoreTokens(http).RequestToken!));
    }

    private static async Task<IResult> TakeOverAsync(Guid id, HttpContext http, SupervisorActions actions, CrmDbContext db, CancellationToken ct) =>
        await SupervisorAgentAsync(http, db, ct) is { } agent
            ? await ToResult(actions.TakeOverAsync(db, agent, id, ct))
            : Results.Problem(NoAgentProfile, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>Why a supervisor cannot take a conversation over themselves, shown beside the button.</summary>
    public const string NoAgentProfile =
        "You have no agent profile, so you cannot join a conversation yourself: assign it to an agent, or ask an administrator to add you as an agent.";

    private static Task<Agent?> SupervisorAgentAsync(HttpContext http, CrmDbContext db, CancellationToken ct) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? AgentDesk.FindAgentAsync(db, userId, ct) : Task.FromResult<Agent?>(null);

    private static async Task<IResult> ToResult<T>(Task<HandoffResult<T>> action)
    {
        var result = await action;
        return result.Outcome switch
        {
            HandoffOutcome.Ok => Results.Ok(result.Value),
            HandoffOutcome.NotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
            HandoffOutcome.Forbidden => Results.Problem(result.Problem, statusCode: StatusCodes.Status403Forbidden),
            HandoffOutcome.Invalid => Results.Problem(result.Problem, statusCode: StatusCodes.Status400BadRequest),
            _ => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
        };
    }
}

/// <summary>Who the supervisor is, whether they can take conversations over (their agent id) or why not, and the antiforgery token.</summary>
public sealed record SupervisorProfile(string DisplayName, int? AgentId, string? TakeOverUnavailable, string AntiforgeryToken);

public sealed record AssignRequest(int? AgentId);

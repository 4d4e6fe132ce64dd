using System.Security.Claims;
using CrmBot.Core.Agents;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Llm;
using CrmBot.Core.Storage;
using CrmBot.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmBot.Handoff;

/// <summary>
/// The agent console's API: who am I, presence, queues, one escalation in full, and the hand-off actions. Agents only;
/// POSTs need the antiforgery header. Refusals are problem responses whose detail the console shows as is.
/// </summary>
public static class AgentEndpoints
{
    public static RouteGroupBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agent").WithTags("Agent console")
            .RequireAuthorization(StaffPolicies.Agent)
            .AddEndpointFilter<AntiforgeryFilter>()
            .AddEndpointFilter(CurrentAgentFilter);
        group.MapGet("/me", Me);
        group.MapPost("/presence", SetPresenceAsync);
        group.MapGet("/queue", (HttpContext http, AgentDesk desk, CrmDbContext db, CancellationToken ct) => desk.QueueAsync(db, CurrentAgent(http), ct));
        group.MapGet("/escalations/{id:int}", DetailAsync);
        group.MapGet("/escalations/{id:int}/assist", AssistAsync)
            .WithSummary("The language model's brief of the hand-off and replies the agent could send; empty when no model is configured or it failed");
        group.MapPost("/escalations/{id:int}/accept", (int id, HttpContext http, HandoffService handoff, CrmDbContext db, CancellationToken ct) =>
            ToResult(handoff.AcceptAsync(db, CurrentAgent(http), id, ct)));
        group.MapPost("/escalations/{id:int}/messages", (int id, AgentMessageRequest request, HttpContext http, HandoffService handoff, CrmDbContext db, CancellationToken ct) =>
            ToResult(handoff.SendAsync(db, CurrentAgent(http), id, request.Text, ct), sent => Results.Created($"/api/agent/escalations/{id}", sent)));
        group.MapPost("/escalations/{id:int}/typing", (int id, HttpContext http, HandoffService handoff, CrmDbContext db, CancellationToken ct) =>
            ToResult(handoff.TypingAsync(db, CurrentAgent(http), id, ct), _ => Results.NoContent()));
        group.MapPost("/escalations/{id:int}/handback", (int id, HandBackRequest? request, HttpContext http, HandoffService handoff, CrmDbContext db, CancellationToken ct) =>
            ToResult(handoff.HandBackAsync(db, CurrentAgent(http), id, request?.Note, ct)));
        group.MapPost("/escalations/{id:int}/resolve", (int id, ResolveRequest request, HttpContext http, HandoffService handoff, CrmDbContext db, CancellationToken ct) =>
            ToResult(handoff.ResolveAsync(db, CurrentAgent(http), id, request.Disposition, request.Note, ct)));
        return group;
    }

    private static Ok<AgentProfile> Me(HttpContext http, IAntiforgery antiforgery)
    {
        var agent = CurrentAgent(http);
        var roles = StaffRoles.All.Where(http.User.IsInRole).ToList();
        return TypedResults.Ok(new AgentProfile(agent.Id, agent.DisplayName, agent.Email, agent.SkillList, agent.Capacity, agent.Presence.ToString(),
            roles, Dispositions.All, antiforgery.GetAndStoreTokens(http).RequestToken!));
    }

    private static async Task<Results<NoContent, ValidationProblem>> SetPresenceAsync(
        PresenceRequest request, HttpContext http, HandoffService handoff, CrmDbContext db, CancellationToken ct)
    {
        if (!Enum.TryParse<AgentPresence>(request.Presence, ignoreCase: true, out var presence) || !Enum.IsDefined(presence))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["presence"] = ["Presence is one of Available, Away, Offline."] });
        }
        await handoff.SetPresenceAsync(db, CurrentAgent(http), presence, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DetailAsync(int id, HttpContext http, AgentDesk desk, CrmDbContext db, CancellationToken ct)
    {
        // Allowed first: the transcript, profile and suggestions are only worth building for someone who may see them.
        if (!await desk.CanViewAsync(db, CurrentAgent(http), id, ct))
        {
            return await desk.SummaryAsync(db, id, ct) is { } other
                ? Results.Problem($"{other.Reference} is with another agent.", statusCode: StatusCodes.Status403Forbidden)
                : Results.Problem($"There is no escalation {id}.", statusCode: StatusCodes.Status404NotFound);
        }
        return await desk.DetailAsync(db, id, ct) is { } detail
            ? Results.Ok(detail)
            : Results.Problem($"There is no escalation {id}.", statusCode: StatusCodes.Status404NotFound);
    }

    // Apart from the detail, so the transcript shows at once while the model thinks.
    private static async Task<IResult> AssistAsync(int id, HttpContext http, AgentDesk desk, HandoffAssistant assistant, CrmDbContext db, CancellationToken ct)
    {
        if (!await desk.CanViewAsync(db, CurrentAgent(http), id, ct))
        {
            return await desk.SummaryAsync(db, id, ct) is { } other
                ? Results.Problem($"{other.Reference} is with another agent.", statusCode: StatusCodes.Status403Forbidden)
                : Results.Problem($"There is no escalation {id}.", statusCode: StatusCodes.Status404NotFound);
        }
        return Results.Ok(await assistant.AssistAsync(db, id, ct));
    }

    private static async Task<IResult> ToResult<T>(Task<HandoffResult<T>> action, Func<T, IResult>? ok = null)
    {
        var result = await action;
        return result.Outcome switch
        {
            HandoffOutcome.Ok => ok is null ? Results.Ok(result.Value) : ok(result.Value!),
            HandoffOutcome.NotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
            HandoffOutcome.Forbidden => Results.Problem(result.Problem, statusCode: StatusCodes.Status403Forbidden),
            HandoffOutcome.Invalid => Results.Problem(result.Problem, statusCode: StatusCodes.Status400BadRequest),
            _ => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
        };
    }

    // Every agent endpoint needs the signed-in user's agent row; a staff member without one (a supervisor) is refused.
    private static async ValueTask<object?> CurrentAgentFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var db = http.RequestServices.GetRequiredService<CrmDbContext>();
        if (userId is null || await AgentDesk.FindAgentAsync(db, userId, http.RequestAborted) is not { } agent)
        {
            return TypedResults.Problem("Your account has no agent profile. Ask an administrator to add you as an agent.", statusCode: StatusCodes.Status403Forbidden);
        }
        http.Items[typeof(Agent)] = agent;
        return await next(context);
    }

    private static Agent CurrentAgent(HttpContext http) => (Agent)http.Items[typeof(Agent)]!;
}

public sealed record AgentProfile(int AgentId, string DisplayName, string Email, IReadOnlyList<string> Skills, int Capacity, string Presence,
    IReadOnlyList<string> Roles, IReadOnlyList<Disposition> Dispositions, string AntiforgeryToken);

public sealed record PresenceRequest(string? Presence);

public sealed record AgentMessageRequest(string? Text);

public sealed record HandBackRequest(string? Note);

public sealed record ResolveRequest(string? Disposition, string? Note);

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Error answers: ProblemDetails with the reason in <c>detail</c>, plus Direct Line's own
/// <c>error: { code, message }</c> (ErrorResponse, digest §4.1) so Azure-minded clients find what they expect. Clients
/// act on the status alone: 403 means "expired token" to DirectLineJS, 404 "conversation ended" (§4.6).
/// </summary>
internal static class DirectLineProblems
{
    public static ProblemHttpResult BadRequest(string reason, string code = "BadArgument") => Create(StatusCodes.Status400BadRequest, code, reason);

    public static ProblemHttpResult TooLarge(int limit) =>
        Create(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The activity is larger than {limit} bytes.");

    public static ProblemHttpResult Unauthorized(string reason) => Create(StatusCodes.Status401Unauthorized, "Unauthorized", reason);

    public static ProblemHttpResult Expired() => Create(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired; get a new one.");

    public static ProblemHttpResult Forbidden(string reason) => Create(StatusCodes.Status403Forbidden, "Forbidden", reason);

    public static ProblemHttpResult NotFound() => Create(StatusCodes.Status404NotFound, "NotFound", "There is no such conversation.");

    public static ProblemHttpResult TooManyRequests() =>
        Create(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many new conversations from this address; try again in a minute.");

    private static ProblemHttpResult Create(int status, string code, string reason) => TypedResults.Problem(
        detail: reason,
        statusCode: status,
        extensions: new Dictionary<string, object?> { ["error"] = new Dictionary<string, string> { ["code"] = code, ["message"] = reason } });
}

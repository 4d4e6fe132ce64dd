using System.Net;

namespace CrmBot.BotFramework.Connector;

/// <summary>
/// A Connector call that failed after retries (SDK name). The body is kept raw; <see cref="ErrorCode"/> is parsed from
/// the swagger ErrorResponse <c>{ error: { code, message } }</c> when present (digest §2.2), e.g. Teams answers 403
/// when a user blocked the bot, which callers should treat as "drop this conversation reference".
/// </summary>
public sealed class ErrorResponseException : Exception
{
    public ErrorResponseException(HttpStatusCode statusCode, string? responseBody, string? errorCode, string? errorMessage, string? operationId)
        : base($"The Bot Connector answered {(int)statusCode} {statusCode}{(errorCode is null ? "" : $" ({errorCode})")}: {errorMessage ?? "no error message"}.")
    {
        StatusCode = statusCode;
        ResponseBody = responseBody;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        OperationId = operationId;
    }

    public HttpStatusCode StatusCode { get; }

    public string? ResponseBody { get; }

    public string? ErrorCode { get; }

    public string? ErrorMessage { get; }

    /// <summary>The channel's <c>X-Correlating-OperationId</c>, for support requests.</summary>
    public string? OperationId { get; }
}

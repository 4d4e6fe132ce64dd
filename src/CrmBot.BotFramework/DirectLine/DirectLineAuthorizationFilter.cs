using Microsoft.AspNetCore.Http;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Authenticates every REST call (<c>Authorization: Bearer {secret or token}</c>, digest §4.1) and keeps a token inside
/// its own conversation: a route with another <c>conversationId</c> answers 403. Missing or unreadable credentials
/// answer 401, an expired token 403 (DirectLineJS treats 403 as "token expired", §4.6).
/// </summary>
internal sealed class DirectLineAuthorizationFilter(DirectLineTokenService tokens) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length <= Scheme.Length)
        {
            return DirectLineProblems.Unauthorized("Send Authorization: Bearer with the Direct Line secret or a token.");
        }
        var credential = header[Scheme.Length..].Trim();

        DirectLineCaller caller;
        if (tokens.IsSecret(credential))
        {
            caller = DirectLineCaller.Secret;
        }
        else
        {
            var check = await tokens.CheckTokenAsync(credential);
            switch (check.Status)
            {
                case DirectLineTokenStatus.Expired:
                    return DirectLineProblems.Expired();
                case DirectLineTokenStatus.Invalid:
                    return DirectLineProblems.Unauthorized("The secret or token is not valid.");
            }
            caller = new DirectLineCaller(false, check.ConversationId, check.UserId);
        }

        if (http.Request.RouteValues.TryGetValue(DirectLineEndpoints.ConversationIdRouteValue, out var value) && value is string conversationId && !caller.CanAccess(conversationId))
        {
            return DirectLineProblems.Forbidden("This token belongs to another conversation.");
        }
        http.Features.Set(caller);
        return await next(context);
    }
}

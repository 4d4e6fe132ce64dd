using Microsoft.AspNetCore.Antiforgery;

namespace CrmBot.Staff;

/// <summary>
/// Cross-site request forgery check for JSON APIs called with the staff cookie: unsafe methods must carry the token
/// from <c>/api/agent/me</c> in the <c>X-CSRF-TOKEN</c> header. Forms are checked by the antiforgery middleware.
/// </summary>
public sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(
                $"This request needs the antiforgery token in the {StaffAuthentication.AntiforgeryHeader} header (reload the page to get a fresh one).",
                statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token");
        }
        return await next(context);
    }
}

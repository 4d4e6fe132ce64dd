using CrmBot.Staff;

namespace CrmBot.Supervisor;

public static class SupervisorPage
{
    /// <summary>
    /// The supervisor dashboard at <c>/supervisor</c>, behind the Supervisor policy like <c>/agent</c> behind Agent: a
    /// signed-out visitor is sent to sign in, another role is refused.
    /// </summary>
    public static IEndpointRouteBuilder MapSupervisorPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/supervisor", (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(Path.Combine(AppContext.BaseDirectory, "Pages", "supervisor.html"), "text/html; charset=utf-8");
            })
            .RequireAuthorization(StaffPolicies.Supervisor)
            .ExcludeFromDescription();
        return app;
    }
}

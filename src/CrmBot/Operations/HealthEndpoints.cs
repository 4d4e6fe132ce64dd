using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmBot.Operations;

/// <summary>
/// Probes for a process supervisor or orchestrator. <c>/health/live</c>: the process answers (no dependency is asked,
/// so a slow store never gets a healthy process restarted). <c>/health/ready</c>: every check tagged
/// <see cref="Ready"/> passes (start-up done, store reachable, models loaded), otherwise 503. <c>/health</c> is the
/// ready probe under its older name. A dependency added later (Redis) registers its check with the <see cref="Ready"/> tag.
/// </summary>
public static class HealthEndpoints
{
    public const string Root = "/health";
    public const string Ready = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddCrmBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StartupHealthCheck>("startup", tags: [Ready])
            .AddCheck<StoreHealthCheck>("store", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<ModelsHealthCheck>("models", tags: [Ready]);
        return services;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(Root + "/live", new HealthCheckOptions { Predicate = _ => false });
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteChecksAsync };
        app.MapHealthChecks(Root + "/ready", ready);
        app.MapHealthChecks(Root, ready);
        return app;
    }

    /// <summary>The overall status and each check's status and short description (never an exception's text).</summary>
    private static Task WriteChecksAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Exception is null ? e.Value.Description : "Check failed (the reason is in the service's log)",
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json), http.RequestAborted);
    }
}

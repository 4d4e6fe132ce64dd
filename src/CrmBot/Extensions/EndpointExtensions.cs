using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.DirectLine;
using CrmBot.Endpoints;
using CrmBot.Handoff;
using CrmBot.Operations;
using CrmBot.Privacy;
using CrmBot.Review;
using CrmBot.Staff;
using CrmBot.Supervisor;

namespace CrmBot.Extensions;

public static class EndpointExtensions
{
    public static WebApplication MapCrmBotEndpoints(this WebApplication app)
    {
        // A request the framework could not bind (bad form, failed antiforgery check) is the client's fault in every
        // environment: its 4xx, not a 500 (Development makes the framework throw instead of answering 400).
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseMetricsEndpoint();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthEndpoints();
        app.MapOpenApi();
        app.MapPost("/api/messages", (HttpContext http, CloudAdapter adapter, IBot bot, CancellationToken ct) =>
            adapter.ProcessAsync(http.Request, http.Response, bot, ct));
        app.MapDirectLine();
        app.MapChatApi();
        app.MapDemoApi();
        app.MapProductImages();
        app.MapStaffAccounts();
        app.MapAgentApi();
        app.MapReviewApi();
        app.MapHub<AgentHub>(AgentHub.Path);
        app.MapSupervisorPage();
        app.MapSupervisorAnalytics();
        app.MapSupervisorLive();
        app.MapPrivacy();
        return app;
    }
}

using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.DirectLine;
using CrmBot.Endpoints;
using CrmBot.Handoff;
using CrmBot.Staff;

namespace CrmBot.Extensions;

public static class EndpointExtensions
{
    public static WebApplication MapCrmBotEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health");
        app.MapPost("/api/messages", (HttpContext http, CloudAdapter adapter, IBot bot, CancellationToken ct) =>
            adapter.ProcessAsync(http.Request, http.Response, bot, ct));
        app.MapDirectLine();
        app.MapChatApi();
        app.MapDemoApi();
        app.MapStaffAccounts();
        app.MapAgentApi();
        app.MapHub<AgentHub>(AgentHub.Path);
        return app;
    }
}

namespace CrmBot.Extensions;

public static class EndpointExtensions
{
    public static WebApplication MapCrmBotEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        return app;
    }
}

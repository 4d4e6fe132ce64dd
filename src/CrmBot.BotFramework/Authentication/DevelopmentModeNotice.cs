using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.Authentication;

/// <summary>Says at start-up, not at the first request, that the bot runs without authentication (digest §3.2).</summary>
internal sealed partial class DevelopmentModeNotice(IOptions<BotOptions> options, ILogger<DevelopmentModeNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsAuthenticationDisabled)
        {
            LogAuthenticationDisabled(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot:MicrosoftAppId is empty, so the bot runs in development mode: /api/messages accepts requests without a token (outside the Development environment only from this machine), replies carry none and go only to Bot:AllowedServiceUrls (by default this machine). Set the app id for Teams or Azure Bot Service.")]
    private static partial void LogAuthenticationDisabled(ILogger logger);
}

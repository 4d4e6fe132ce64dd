using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.DirectLine;
using CrmBot.BotFramework;
using CrmBot.Channels;
using CrmBot.Core.Events;
using CrmBot.Core.Handoff;
using CrmBot.Core.Hosting;
using CrmBot.Core.Storage;
using CrmBot.Handoff;
using CrmBot.Operations;
using CrmBot.Review;
using CrmBot.ScaleOut;
using CrmBot.Staff;
using CrmBot.Supervisor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmBot.Extensions;

/// <summary>Configuration and services shared by the web service and the command-line verbs.</summary>
public static class CrmBotHost
{
    public const string EnvironmentPrefix = "CRMBOT_";

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // Content root is the build output, where the repository's appsettings.json, dialogs/ and prompts/ are copied.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddCrmBotServices();
        return builder;
    }

    public static void AddCrmBotServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // First: hosted services start in order, and Core's background work (assignment, retention) needs a migrated store.
        services.AddSingleton<AppInitializer>();
        services.AddHostedService<AppInitializerService>();
        services.AddCrmBotCore();
        services.AddSingleton<ICustomerChannel, ChannelMessenger>();
        services.AddSingleton<IConversationEventHandler, AgentConsoleEvents>();
        services.AddSingleton<IConversationEventHandler, SupervisorLiveEvents>();
        services.AddSignalR();
        builder.AddCrmBotScaleOut();
        services.AddStaffAuthentication();
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section);
        services.AddConversationReview();
        services.AddCrmBotHealthChecks();
        builder.AddCrmBotTelemetry();

        // Channels: the Bot Framework protocol (Teams and other Azure Bot Service channels) and our own Direct Line for Web Chat.
        // Benchmark only: Benchmark:EchoBot=true swaps in a bot that echoes without the engine, the load generator's baseline.
        if (builder.Configuration.GetValue<bool>(EchoBot.ConfigurationKey))
        {
            services.AddSingleton<IBot, EchoBot>();
        }
        else
        {
            services.AddSingleton<IBot, CustomerServiceBot>();
        }
        services.AddBotFrameworkConnector(builder.Configuration);
        services.AddTeamsAgentAlerts(builder.Configuration);
        services.AddDirectLine(builder.Configuration);
        services.AddOptions<DirectLineOptions>().Configure<CrmBotPaths>((o, paths) =>
            o.SecretFile = string.IsNullOrEmpty(o.SecretFile) ? Path.Combine(paths.DataDirectory, "directline.secret") : o.SecretFile);
        services.AddSingleton<IPersonalDataRedactor, PiiActivityRedactor>();
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddWebChatSessionLimit();
        services.AddSupervisorAnalytics();
        services.AddProblemDetails();
        services.AddOpenApi();
    }
}

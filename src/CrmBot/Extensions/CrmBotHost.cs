using CrmBot.BotFramework;
using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.DirectLine;
using CrmBot.Channels;
using CrmBot.Core.Conversations;
using CrmBot.Core.DirectLine;
using CrmBot.Core.Inbox;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Models;
using CrmBot.Core.Plugins;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using CrmBot.Core.Understanding;
using CrmBot.Handoff;
using CrmBot.Intelligence.Embeddings;
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
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Provider == StoreProvider.Sqlite, "Storage:Provider: only Sqlite is supported by this build (PostgreSQL migrations are not generated yet).")
            .ValidateOnStart();
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Conversation:TimeZone is not a known time zone id.")
            .ValidateOnStart();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CrmBotPaths.Resolve(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, AppContext.BaseDirectory));
        services.AddSingleton<StoreWriteGate>();
        services.AddSingleton(sp => new SqliteConnectionSetup(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqliteSynchronous));
        // Pooled: a turn opens several short-lived scopes, and building a context each time was a visible share of the CPU.
        services.AddDbContextPool<CrmDbContext>((sp, options) => options
            .UseSqlite($"Data Source={sp.GetRequiredService<CrmBotPaths>().DatabaseFile};Default Timeout=30")
            .AddInterceptors(sp.GetRequiredService<SqliteConnectionSetup>()));

        services.AddSingleton(sp => DialogCatalog.Load(sp.GetRequiredService<CrmBotPaths>().DialogsDirectory, DialogFunctions.Names));
        services.AddSingleton<DialogInterpreter>();
        services.AddSingleton(sp => new SentenceEmbedder(sp.GetRequiredService<CrmBotPaths>().EmbeddingCacheFile));
        services.AddSingleton<MessageUnderstander>();
        services.AddSingleton<RequestSplitter>();
        services.AddSingleton<HelpCentreAnswers>();
        services.AddSingleton<Interruptions>();
        services.AddSingleton(sp => new KnowledgeSearch(sp.GetRequiredService<SentenceEmbedder>()));
        services.AddSingleton<EscalationPolicy>();
        services.AddSingleton<EscalationService>();
        services.AddSingleton<EscalationRouter>();
        services.AddHostedService<EscalationAssignmentService>();
        services.AddSingleton<AgentDesk>();
        services.AddSingleton<HandoffService>();
        services.AddSingleton<ICustomerChannel, ChannelMessenger>();
        services.AddSingleton<IHandoffNotifier, SignalRHandoffNotifier>();
        services.AddSignalR();
        services.AddStaffAuthentication();
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section);
        services.AddSingleton<ProductSales>();
        services.AddSingleton<TurnResponder>();
        services.AddSingleton<ConversationEngine>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddScoped<StoreInitializer>();
        services.AddSingleton<AppInitializer>();
        services.AddHostedService<AppInitializerService>();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready");

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
        services.AddScoped<IDirectLineStore, EfDirectLineStore>();
        services.AddScoped<IActivityInbox, EfActivityInbox>();
        services.AddSingleton<IPersonalDataRedactor, PiiActivityRedactor>();
        services.AddHostedService<ChannelPayloadRetention>();
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddWebChatSessionLimit();
        services.AddSupervisorAnalytics();
        services.AddProblemDetails();
        services.AddOpenApi();
    }
}

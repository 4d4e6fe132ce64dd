using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.DirectLine;
using CrmBot.Core.Conversations;
using CrmBot.Core.Dialogs;
using CrmBot.Core.DirectLine;
using CrmBot.Core.Engine;
using CrmBot.Core.Escalations;
using CrmBot.Core.Events;
using CrmBot.Core.Handoff;
using CrmBot.Core.Importing;
using CrmBot.Core.Inbox;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Llm;
using CrmBot.Core.Models;
using CrmBot.Core.Plugins;
using CrmBot.Core.Privacy;
using CrmBot.Core.Profiles;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Seeding;
using CrmBot.Core.Seeding.History;
using CrmBot.Core.Storage;
using CrmBot.Core.Supervision;
using CrmBot.Core.Telemetry;
using CrmBot.Core.Understanding;
using CrmBot.Intelligence.Embeddings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Hosting;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Everything Core provides: its options (validated at start), the CRM store, understanding, dialogs, the engine,
    /// escalation and hand-off, the Direct Line store and inbox, and the conversation events. The host adds what only
    /// it knows: the customer channels (<see cref="ICustomerChannel"/>) and the handlers of the events.
    /// </summary>
    public static IServiceCollection AddCrmBotCore(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Provider != StoreProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:ConnectionString is required when Storage:Provider is PostgreSql (e.g. Host=db;Database=crmbot;Username=crmbot;Password=…).")
            .ValidateOnStart();
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Conversation:TimeZone is not a known time zone id.")
            .ValidateOnStart();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SupervisorOptions>().BindConfiguration(SupervisorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.HasValidBaseUrl, "Privacy:PublicBaseUrl must be empty or an absolute http(s) address.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CrmBotPaths.Resolve(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, AppContext.BaseDirectory));
        services.AddSingleton<StoreWriteGate>();
        services.TryAddSingleton<ISharedWorkLease, SingleProcessLease>();
        services.AddCrmStore();
        services.AddSingleton<ModelStore>();
        services.AddOptions<ProfileOptions>().BindConfiguration(ProfileOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MinSegments <= o.MaxSegments, "Profiles:MinSegments must not be above Profiles:MaxSegments.")
            .ValidateOnStart();
        services.AddSingleton<CustomerProfiler>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConversationHistorySeeder>();
        services.AddScoped<StoreInitializer>();

        services.AddSingleton(sp => DialogCatalog.Load(sp.GetRequiredService<CrmBotPaths>().DialogsDirectory, DialogFunctions.Names));
        services.AddSingleton<DialogInterpreter>();
        services.AddSingleton(sp => new SystemReplies(sp.GetRequiredService<DialogCatalog>(), sp.GetRequiredService<IOptions<ConversationOptions>>().Value.ShopName));
        services.AddSingleton(sp => new SentenceEmbedder(sp.GetRequiredService<CrmBotPaths>().EmbeddingCacheFile));
        services.AddSingleton<MessageUnderstander>();
        services.AddSingleton<RequestSplitter>();
        services.AddSingleton<HelpCentreAnswers>();
        services.AddSingleton<Interruptions>();
        services.AddSingleton(sp => new KnowledgeSearch(sp.GetRequiredService<SentenceEmbedder>()));
        services.AddSingleton<ProductSales>();
        services.AddOptions<RecommendationOptions>().BindConfiguration(RecommendationOptions.Section).ValidateDataAnnotations()
            .Validate(o => RecommendationOptions.IsValid(o.Experiment),
                $"Recommendations:Experiment:Arms: give each strategy ({string.Join(", ", RecommendationStrategies.Assignable)}) a weight of 0 or more, at least one above 0.")
            .ValidateOnStart();
        services.AddSingleton<SuggestionModel>();
        services.AddSingleton<StrategyAssignment>();
        services.AddSingleton<SuggestionServices>();
        services.AddSingleton<TurnResponder>();
        services.AddSingleton<TurnTelemetry>();
        services.AddSingleton<WorkloadGauges>();
        services.AddSingleton<ConversationEngine>();

        services.AddSingleton<EscalationPolicy>();
        services.AddSingleton<EscalationService>();
        services.AddSingleton<EscalationRouter>();
        services.AddHostedService<EscalationAssignmentService>();
        services.AddSingleton<AgentDesk>();
        services.AddSingleton<HandoffService>();
        services.AddSingleton<SentimentWatch>();
        services.AddSingleton<LiveConversations>();
        services.AddSingleton<SupervisorActions>();

        services.AddSingleton<ConversationEventPublisher>();
        services.AddSingleton<IStoreChangeObserver>(sp => sp.GetRequiredService<ConversationEventPublisher>());

        services.AddScoped<IDirectLineStore, EfDirectLineStore>();
        services.AddScoped<IActivityInbox, EfActivityInbox>();
        services.AddHostedService<ChannelPayloadRetention>();

        services.AddSingleton<PrivacyDesk>();
        services.AddSingleton<ScheduledErasure>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledErasure>());
        services.AddSingleton<CustomerImporter>();
        services.AddSingleton<OrderImporter>();

        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();
        services.AddMemoryCache();
        // The prompts are read only when a model is configured, so an offline install needs no prompts/ folder.
        services.AddSingleton(sp => new LanguageModel(sp.GetRequiredService<IOptions<LlmOptions>>(),
            () => LlmPrompts.Load(sp.GetRequiredService<CrmBotPaths>().PromptsDirectory), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<LanguageModel>>()));
        services.AddSingleton<LlmFunctions>();
        services.AddSingleton<TurnAssistant>();
        services.AddSingleton<HandoffAssistant>();
        return services;
    }

    /// <summary>
    /// The CRM store of <c>Storage:Provider</c>, always injected as <see cref="CrmDbContext"/>: SQLite in the data
    /// directory, or PostgreSQL at <c>Storage:ConnectionString</c> through <see cref="PostgreSqlCrmDbContext"/> (the
    /// type that carries the PostgreSQL migrations). Both pools are registered and the scoped <see cref="CrmDbContext"/>
    /// leases from the configured one, because the options are not known yet while services are registered.
    /// </summary>
    private static void AddCrmStore(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteConnectionSetup(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqliteSynchronous));
        // Pooled: a turn opens several short-lived scopes, and building a context each time was a visible share of the CPU.
        services.AddDbContextPool<CrmDbContext>((sp, options) => options
            .UseSqlite($"Data Source={sp.GetRequiredService<CrmBotPaths>().DatabaseFile};Default Timeout=30")
            .AddInterceptors(sp.GetRequiredService<SqliteConnectionSetup>()));
        services.AddDbContextPool<PostgreSqlCrmDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.RemoveAll<CrmDbContext>();
        // The same registration AddDbContextPool makes (a scoped lease hands out the context and returns it to its pool
        // at the end of the scope), choosing the pool by provider; the lease type is EF's own, marked internal API.
#pragma warning disable EF1001
        services.AddScoped<CrmDbContext>(sp =>
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StoreProvider.PostgreSql
                ? sp.GetRequiredService<IScopedDbContextLease<PostgreSqlCrmDbContext>>().Context
                : sp.GetRequiredService<IScopedDbContextLease<CrmDbContext>>().Context);
#pragma warning restore EF1001
    }
}

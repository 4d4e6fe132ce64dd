using CrmBot.Core.Analytics;

namespace CrmBot.Supervisor;

public static class SupervisorServices
{
    /// <summary>The analytics queries (stateless singletons), their options and the per-request responder.</summary>
    public static IServiceCollection AddSupervisorAnalytics(this IServiceCollection services)
    {
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.DefaultRangeDays <= o.MaxRangeDays && o.MaxHourlyRangeDays <= o.MaxRangeDays,
                "Analytics:DefaultRangeDays and Analytics:MaxHourlyRangeDays cannot exceed Analytics:MaxRangeDays.")
            .ValidateOnStart();
        services.AddSingleton<AnalyticsFilterReader>();
        services.AddSingleton<SentimentAnalytics>();
        services.AddSingleton<EscalationAnalytics>();
        services.AddSingleton<TrafficAnalytics>();
        services.AddSingleton<NegativeIntentAnalytics>();
        services.AddSingleton<AgentWorkloadAnalytics>();
        services.AddSingleton<SuggestionAnalytics>();
        services.AddSingleton<LanguageModelAnalytics>();
        services.AddScoped<AnalyticsResponder>();
        return services;
    }
}

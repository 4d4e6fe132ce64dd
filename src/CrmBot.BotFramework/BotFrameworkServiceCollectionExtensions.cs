using CrmBot.BotFramework.Authentication;
using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework;

/// <summary>Registers the Bot Connector path: options, inbound JWT validation, outbound tokens, Connector client, adapter.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BotOptions"/> from the <c>Bot</c> section (validated at start-up) and registers
    /// <see cref="BotFrameworkAuthenticator"/>, <see cref="IConnectorTokenProvider"/> (MSAL), the typed
    /// <see cref="ConnectorClient"/> with retries and timeouts, and <see cref="CloudAdapter"/>, all singletons.
    /// Register an <see cref="IConnectorTokenProvider"/> afterwards to replace token acquisition (tests).
    /// </summary>
    public static IServiceCollection AddBotFrameworkConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, BotOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // These clients live as long as the singletons holding them, so pooled connections are recycled by lifetime
        // (DNS changes are picked up) instead of by the factory's handler rotation.
        services.AddHttpClient(BotFrameworkAuthenticator.MetadataHttpClientName).UseSocketsHttpHandler(RecycleConnections).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddHttpClient(MsalConnectorTokenProvider.HttpClientName).UseSocketsHttpHandler(RecycleConnections).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddHttpClient<ConnectorClient>()
            .UseSocketsHttpHandler(RecycleConnections)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(ConnectorResilience.PipelineName, (pipeline, context) => ConnectorResilience.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<BotOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));

        // Typed clients are registered transient; the adapter is a singleton, so the client is made one too (its
        // handler is never rotated, see above). The typed client's name is the type name.
        services.Replace(ServiceDescriptor.Singleton(sp => ActivatorUtilities.CreateInstance<ConnectorClient>(
            sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ConnectorClient)))));

        services.TryAddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();
        services.TryAddSingleton<BotFrameworkAuthenticator>();
        services.AddTurnRunner(configuration);
        services.TryAddSingleton<CloudAdapter>();
        services.AddHostedService<DevelopmentModeNotice>();
        return services;
    }

    /// <summary>
    /// The <see cref="TurnRunner"/> every channel's turns go through, bound from the <c>Turns</c> section; registered
    /// once however many channels ask for it. It resumes unfinished turns when an <see cref="IActivityInbox"/> is registered.
    /// </summary>
    public static IServiceCollection AddTurnRunner(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(TurnRunner)))
        {
            return services;
        }
        services.AddOptions<TurnRunnerOptions>().Bind(configuration.GetSection(TurnRunnerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TurnRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnRunner>());
        return services;
    }

    private static void RecycleConnections(SocketsHttpHandler handler, IServiceProvider _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
}

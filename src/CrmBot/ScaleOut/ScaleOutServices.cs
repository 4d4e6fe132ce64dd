using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.DirectLine;
using CrmBot.Core.Storage;
using CrmBot.Handoff;
using CrmBot.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SignalRRedisOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace CrmBot.ScaleOut;

public static class ScaleOutServices
{
    /// <summary>The Redis list (under the prefix) that holds the data protection key ring.</summary>
    public const string DataProtectionKeys = "dataprotection-keys";

    /// <summary>
    /// The <c>Redis</c> section, validated at start. With a connection string, what instances share besides the store
    /// goes through Redis: the SignalR backplane (agent console, supervisor live view), Direct Line stream frames,
    /// conversation turn locks, pending-turn ownership, the background work lease and the Teams alert queue, with Redis
    /// in the ready probe.
    /// Without one, nothing is registered and the in-process implementations serve one instance, as before.
    /// </summary>
    public static void AddCrmBotScaleOut(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations()
            .Validate<IOptions<StorageOptions>>((redis, storage) => !redis.Enabled || storage.Value.Provider == StoreProvider.PostgreSql,
                "Redis:ConnectionString is set but Storage:Provider is Sqlite: several instances cannot share one SQLite file (its writes are ordered inside one process). Use Storage:Provider=PostgreSql, or clear Redis:ConnectionString for a single instance.")
            .Validate(redis => !redis.Enabled || TryParse(redis.ConnectionString), "Redis:ConnectionString is not a valid StackExchange.Redis configuration (e.g. 127.0.0.1:6379,password=…).")
            .ValidateOnStart();
        var settings = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (!settings.Enabled)
        {
            return;
        }

        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisInstances>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisInstances>());
        services.AddSingleton<ITurnInstances>(sp => sp.GetRequiredService<RedisInstances>());
        services.Replace(ServiceDescriptor.Singleton<ISharedWorkLease>(sp => sp.GetRequiredService<RedisInstances>()));
        services.AddSingleton<IConversationTurnLock, RedisTurnLock>();
        services.AddSingleton<RedisStreamBus>();
        services.AddSingleton<IDirectLineStreamBus>(sp => sp.GetRequiredService<RedisStreamBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisStreamBus>());
        // Used only when Teams alerts are on (AddTeamsAgentAlerts keeps it instead of its in-memory queue).
        services.AddSingleton<ITeamsAlertQueue, RedisTeamsAlertQueue>();

        services.AddSignalR().AddStackExchangeRedis();
        services.AddOptions<SignalRRedisOptions>().Configure<RedisConnection>((signalR, redis) =>
        {
            signalR.Configuration.ChannelPrefix = RedisChannel.Literal(redis.Options.Key("signalr"));
            signalR.ConnectionFactory = _ => redis.GetAsync();
        });
        // Staff cookies and antiforgery tokens are protected with the key ring: kept in Redis and under one application
        // name, a cookie issued by one instance is read by every other, wherever each is installed.
        services.AddDataProtection().SetApplicationName("CrmBot");
        services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>((keys, redis) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis.GetAsync().GetAwaiter().GetResult().GetDatabase(), redis.Options.Key(DataProtectionKeys)));
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.Ready], timeout: TimeSpan.FromSeconds(5));
    }

    private static bool TryParse(string configuration)
    {
        try
        {
            ConfigurationOptions.Parse(configuration);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

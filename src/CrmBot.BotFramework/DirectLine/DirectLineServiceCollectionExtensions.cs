using CrmBot.BotFramework.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.DirectLine;

public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// The Direct Line server's services, configured from the <c>DirectLine</c> section of <paramref name="configuration"/>.
    /// The host still registers an <see cref="Builder.IBot"/> (resolved in a new scope for every turn) and an
    /// <see cref="IDirectLineStore"/> (any lifetime; a thread-safe singleton is cheapest), and either sets <c>DirectLine:Secret</c> or points
    /// <see cref="DirectLineOptions.SecretFile"/> at its data directory.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>()
            .Bind(configuration.GetSection(DirectLineOptions.Section))
            .PostConfigure(options =>
            {
                if (string.IsNullOrEmpty(options.Secret) && !string.IsNullOrEmpty(options.SecretFile))
                {
                    options.Secret = new DirectLineSecretStore(options.SecretFile).ReadOrCreate();
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrEmpty(o.Secret), "DirectLine:Secret is empty and no DirectLine:SecretFile was given to keep a generated one in.")
            .Validate(o => string.IsNullOrEmpty(o.Secret) || o.Secret.Length >= 32, "DirectLine:Secret must be at least 32 characters: it is the key to every conversation.")
            .Validate(o => string.IsNullOrEmpty(o.PublicBaseUrl) || o.PublicBaseUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || o.PublicBaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
                "DirectLine:PublicBaseUrl must be an absolute http:// or https:// address.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DirectLineTokenService>();
        services.AddSingleton<DirectLineConversationLimiter>();
        services.AddSingleton<DirectLineStreamHub>();
        services.AddTurnRunner(configuration);
        services.AddSingleton(sp => new DirectLineChannel(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<DirectLineStreamHub>(),
            sp.GetRequiredService<TurnRunner>(),
            sp.GetService<IPersonalDataRedactor>(),
            sp.GetRequiredService<IServiceProviderIsService>().IsService(typeof(IActivityInbox)),
            sp.GetRequiredService<IOptions<DirectLineOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DirectLineChannel>>()));
        return services;
    }
}

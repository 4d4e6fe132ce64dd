using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Llm;

/// <summary>Refuses, at start, a provider that lacks what it needs, and a key written into a JSON settings file (it would be committed).</summary>
public sealed class LlmOptionsValidator(IConfiguration configuration) : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var problems = options.Problems().ToList();
        if (configuration is IConfigurationRoot root && root.Providers.OfType<JsonConfigurationProvider>()
                .Any(p => p.Source.Path?.EndsWith("secrets.json", StringComparison.OrdinalIgnoreCase) != true
                    && p.TryGet(LlmOptions.Section + ":" + nameof(LlmOptions.ApiKey), out var key) && !string.IsNullOrEmpty(key)))
        {
            problems.Add("Llm:ApiKey must not be in appsettings.json: use `dotnet user-secrets set Llm:ApiKey <key> --project src/CrmBot` or the CRMBOT_Llm__ApiKey environment variable.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

using System.ComponentModel.DataAnnotations;

namespace CrmBot.Core.Llm;

/// <summary>
/// The language model, if any (section <c>Llm</c>). With <see cref="Provider"/> <c>none</c> the bot works offline
/// exactly as without this section. The key never lives in <c>appsettings.json</c>: user-secrets or
/// <c>CRMBOT_Llm__ApiKey</c> (a key found in the file fails start-up).
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    public const string None = "none";
    public const string OpenAI = "openai";
    public const string AzureOpenAI = "azure-openai";
    public const string OpenAICompatible = "openai-compatible";

    public static IReadOnlyList<string> Providers { get; } = [None, OpenAI, AzureOpenAI, OpenAICompatible];

    /// <summary><c>none</c>, <c>openai</c>, <c>azure-openai</c> or <c>openai-compatible</c> (Ollama, vLLM, llama.cpp…).</summary>
    public string Provider { get; set; } = None;

    /// <summary>Azure: the resource (https://name.openai.azure.com/); OpenAI-compatible: the base address with /v1; OpenAI: empty.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The model id (Azure: the deployment name).</summary>
    public string Model { get; set; } = "";

    /// <summary>From user-secrets or the environment only. Optional for an OpenAI-compatible server that takes none (Ollama).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The whole of one model exchange, tool calls included; past it the bot answers offline.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The most tokens one answer may have (a prompt's own, lower limit wins).</summary>
    [Range(16, 16384)]
    public int MaxTokens { get; set; } = 600;

    /// <summary>Off: names, emails, phones, addresses and order numbers go to the model as placeholders and are put back in its answer.</summary>
    public bool SendPersonalData { get; set; }

    /// <summary>Receive answers as a stream (server-sent events) rather than in one piece.</summary>
    public bool Streaming { get; set; }

    public bool Enabled => !string.Equals(Provider, None, StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with these settings, one line each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var provider = Provider.Trim().ToLowerInvariant();
        if (!Providers.Contains(provider))
        {
            problems.Add($"Llm:Provider '{Provider}' is not one of {string.Join(", ", Providers)}.");
            return problems;
        }
        if (provider == None)
        {
            return problems;
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add($"Llm:Model is required for provider {provider}" + (provider == AzureOpenAI ? " (the deployment name)." : "."));
        }
        if (provider is AzureOpenAI or OpenAICompatible && !(Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"))
        {
            problems.Add($"Llm:Endpoint must be an absolute http(s) URL for provider {provider}" + (provider == AzureOpenAI
                ? " (https://<resource>.openai.azure.com/)." : " (e.g. http://localhost:11434/v1 for Ollama)."));
        }
        if (provider is OpenAI or AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey))
        {
            problems.Add($"Llm:ApiKey is required for provider {provider}: set it with `dotnet user-secrets set Llm:ApiKey <key> --project src/CrmBot` or the CRMBOT_Llm__ApiKey environment variable.");
        }
        return problems;
    }
}

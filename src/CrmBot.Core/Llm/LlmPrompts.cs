using Microsoft.SemanticKernel;

namespace CrmBot.Core.Llm;

/// <summary>
/// The prompt directories of <c>prompts/</c> (Semantic Kernel's layout: <c>Name/config.json</c> with the description,
/// variables and execution settings, <c>Name/skprompt.txt</c> with the template), loaded once at start. A missing or
/// broken prompt fails start-up with its folder named. Immutable; thread-safe.
/// </summary>
public sealed class LlmPrompts
{
    public const string GroundedAnswer = "GroundedAnswer";
    public const string HandoffSummary = "HandoffSummary";
    public const string ReplySuggestions = "ReplySuggestions";
    public const string ClassifyIntent = "ClassifyIntent";

    public static IReadOnlyList<string> Required { get; } = [GroundedAnswer, HandoffSummary, ReplySuggestions, ClassifyIntent];

    private readonly Dictionary<string, PromptTemplateConfig> _configs;

    private LlmPrompts(Dictionary<string, PromptTemplateConfig> configs) => _configs = configs;

    public PromptTemplateConfig this[string name] => _configs[name];

    public IReadOnlyCollection<string> Names => _configs.Keys;

    public static LlmPrompts Load(string directory)
    {
        var configs = new Dictionary<string, PromptTemplateConfig>(StringComparer.Ordinal);
        foreach (var name in Required)
        {
            var folder = Path.Combine(directory, name);
            string configFile = Path.Combine(folder, "config.json"), templateFile = Path.Combine(folder, "skprompt.txt");
            if (!File.Exists(configFile) || !File.Exists(templateFile))
            {
                throw new InvalidOperationException($"The prompt {name} needs {configFile} and {templateFile}.");
            }
            PromptTemplateConfig config;
            try
            {
                config = PromptTemplateConfig.FromJson(File.ReadAllText(configFile));
            }
            catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
            {
                throw new InvalidOperationException($"{configFile}: {e.Message}", e);
            }
            config.Template = File.ReadAllText(templateFile);
            if (string.IsNullOrWhiteSpace(config.Description))
            {
                throw new InvalidOperationException($"{configFile} has no description.");
            }
            var declared = config.InputVariables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
            var used = System.Text.RegularExpressions.Regex.Matches(config.Template, @"\{\{\s*\$(\w+)\s*\}\}").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            if (!used.SetEquals(declared))
            {
                throw new InvalidOperationException($"{folder}: skprompt.txt uses {{{string.Join(", ", used.Order())}}} but config.json declares {{{string.Join(", ", declared.Order())}}}.");
            }
            configs[name] = config;
        }
        return new LlmPrompts(configs);
    }

    /// <summary>A prompt as a kernel function, with its template (the config is shared; functions are cheap to make).</summary>
    public KernelFunction Function(string name) => KernelFunctionFactory.CreateFromPrompt(_configs[name]);

    /// <summary>The prompt's text as it would be sent, for tests and for reading what the model is told.</summary>
    public Task<string> RenderAsync(string name, KernelArguments arguments, CancellationToken ct = default) =>
        new KernelPromptTemplateFactory().Create(_configs[name]).RenderAsync(new Kernel(), arguments, ct);
}

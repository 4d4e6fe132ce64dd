using System.Diagnostics;
using CrmBot.Intelligence.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace CrmBot.Core.Llm;

/// <summary>
/// The configured chat model behind Semantic Kernel's OpenAI or Azure OpenAI connector. Runs one prompt of
/// <see cref="LlmPrompts"/> with the functions a caller offers (automatic function calling), within
/// <see cref="LlmOptions.Timeout"/>, with personal data masked unless <see cref="LlmOptions.SendPersonalData"/>; never
/// throws for the model's sake: a failure, a timeout or an empty answer is an outcome, logged without personal data.
/// A DI singleton; thread-safe (the kernel is cloned per exchange).
/// </summary>
public sealed class LanguageModel
{
    private readonly LlmOptions _options;
    private readonly LlmPrompts? _prompts;
    private readonly Kernel? _kernel;
    private readonly TimeProvider _time;
    private readonly ILogger<LanguageModel> _logger;

    public LanguageModel(IOptions<LlmOptions> options, Func<LlmPrompts> prompts, TimeProvider time, ILogger<LanguageModel> logger, HttpClient? http = null)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        if (!_options.Enabled)
        {
            return;
        }
        _prompts = prompts();
        // The exchange's own deadline (Timeout) governs; the client must not cut it shorter.
        http ??= new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var builder = Kernel.CreateBuilder();
        var provider = _options.Provider.Trim().ToLowerInvariant();
        _ = provider switch
        {
            LlmOptions.AzureOpenAI => builder.AddAzureOpenAIChatCompletion(_options.Model, _options.Endpoint, _options.ApiKey, httpClient: http),
            LlmOptions.OpenAICompatible => builder.AddOpenAIChatCompletion(_options.Model, new Uri(_options.Endpoint),
                string.IsNullOrEmpty(_options.ApiKey) ? null : _options.ApiKey, httpClient: http),
            _ => builder.AddOpenAIChatCompletion(_options.Model, _options.ApiKey, httpClient: http),
        };
        _kernel = builder.Build();
    }

    public bool Enabled => _kernel is not null;

    public bool SendsPersonalData => _options.SendPersonalData;

    public string Model => _options.Model;

    /// <summary>
    /// Runs <paramref name="prompt"/> with <paramref name="arguments"/> (masked with <paramref name="mask"/> when given)
    /// and offers <paramref name="plugins"/> to the model; the answer comes back with the masked values restored.
    /// </summary>
    public async Task<LlmExchange> RunAsync(string prompt, IReadOnlyDictionary<string, string> arguments, PlaceholderMask? mask,
        IReadOnlyList<KernelPlugin> plugins, CancellationToken ct)
    {
        if (_kernel is null || _prompts is null)
        {
            return new LlmExchange(null, LlmOutcome.Declined, 0, 0, 0, 0);
        }
        var recorder = new ExchangeRecorder(mask);
        var kernel = _kernel.Clone();
        kernel.Plugins.AddRange(plugins);
        kernel.FunctionInvocationFilters.Add(recorder);
        kernel.AutoFunctionInvocationFilters.Add(recorder);

        var config = _prompts[prompt];
        var settings = OpenAIPromptExecutionSettings.FromExecutionSettings(
            config.ExecutionSettings.GetValueOrDefault(PromptExecutionSettings.DefaultServiceId) ?? new PromptExecutionSettings());
        settings = (OpenAIPromptExecutionSettings)settings.Clone();
        settings.MaxTokens = Math.Min(settings.MaxTokens ?? _options.MaxTokens, _options.MaxTokens);
        settings.FunctionChoiceBehavior = plugins.Count > 0 ? FunctionChoiceBehavior.Auto() : null;
        var args = new KernelArguments(settings);
        foreach (var (name, value) in arguments)
        {
            args[name] = mask is null ? value : mask.Mask(value);
        }

        long started = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        LlmOutcome outcome;
        string? text = null;
        try
        {
            var function = _prompts.Function(prompt);
            if (_options.Streaming)
            {
                var answer = new System.Text.StringBuilder();
                await foreach (var chunk in kernel.InvokeStreamingAsync<StreamingChatMessageContent>(function, args, linked.Token))
                {
                    answer.Append(chunk.Content);
                    recorder.AddUsage(chunk.Metadata);
                }
                text = answer.ToString();
            }
            else
            {
                var result = await kernel.InvokeAsync(function, args, linked.Token);
                text = result.GetValue<string>();
                recorder.AddUsage(result.Metadata);
            }
            text = text?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                outcome = LlmOutcome.Malformed;
                text = null;
            }
            else
            {
                text = mask is null ? text : mask.Restore(text);
                outcome = LlmOutcome.Used;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome = LlmOutcome.Timeout;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
        {
            outcome = LlmOutcome.Failed;
            // The type and HTTP status only: a provider's error text may quote the prompt.
            _logger.LogWarning("Model exchange {Prompt} failed: {ErrorType} {StatusCode}", prompt, e.GetType().Name, (e as HttpOperationException)?.StatusCode);
        }
        int latency = (int)Math.Round(_time.GetElapsedTime(started).TotalMilliseconds);
        if (outcome == LlmOutcome.Timeout)
        {
            _logger.LogWarning("Model exchange {Prompt} timed out after {LatencyMs} ms", prompt, latency);
        }
        Activity.Current?.AddTag("crmbot.llm." + prompt, outcome.ToString());
        return new LlmExchange(outcome == LlmOutcome.Used ? text : null, outcome, recorder.PromptTokens, recorder.CompletionTokens, latency, recorder.ToolCalls)
        {
            Escalation = recorder.Escalation,
        };
    }
}

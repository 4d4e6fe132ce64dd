using CrmBot.Core.Llm;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.Llm;

/// <summary>Each provider setting reaches the fake server the way the real service expects to be called.</summary>
public sealed class LanguageModelProviderTests(FakeModelServer server) : IClassFixture<FakeModelServer>
{
    private static readonly LlmPrompts Prompts = LlmPrompts.Load(Path.Combine(AppContext.BaseDirectory, "prompts"));

    private LanguageModel Model(string provider, string endpoint, string key = "secret-key") => new(
        Options.Create(new LlmOptions { Provider = provider, Endpoint = endpoint, Model = "gpt-test", ApiKey = key, Timeout = TimeSpan.FromSeconds(5) }),
        () => Prompts, TimeProvider.System, NullLogger<LanguageModel>.Instance);

    private static Task<LlmExchange> ClassifyAsync(LanguageModel model) =>
        model.RunAsync(LlmPrompts.ClassifyIntent, new Dictionary<string, string> { ["intents"] = "track_order: where is my parcel", ["message"] = "where is it" }, null, [], default);

    [Fact]
    public async Task Azure_OpenAI_is_called_on_the_deployment_path_with_the_api_key_header()
    {
        server.Reset(_ => ModelReply.Say("""{"intent": "track_order"}"""));

        var exchange = await ClassifyAsync(Model(LlmOptions.AzureOpenAI, server.BaseUrl + "/"));

        Assert.Equal(LlmOutcome.Used, exchange.Outcome);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/deployments/gpt-test/chat/completions", request.Path);
        Assert.Equal("secret-key", request.Headers["api-key"]);
        Assert.Equal(0, request.Json["temperature"]!.GetValue<double>());
        Assert.Equal("json_object", (string)request.Json["response_format"]!["type"]!);
    }

    [Fact]
    public async Task OpenAI_compatible_server_gets_the_model_id_the_bearer_key_and_at_most_max_tokens()
    {
        server.Reset(_ => ModelReply.Say("""{"intent": "track_order"}"""));

        var exchange = await ClassifyAsync(Model(LlmOptions.OpenAICompatible, server.BaseUrl + "/v1"));

        Assert.Equal("""{"intent": "track_order"}""", exchange.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer secret-key", request.Headers["Authorization"]);
        Assert.Equal("gpt-test", (string)request.Json["model"]!);
        Assert.Null(request.Json["tools"]);
        var maxTokens = request.Json["max_completion_tokens"] ?? request.Json["max_tokens"];
        Assert.Equal(40, maxTokens!.GetValue<int>());
    }

    [Fact]
    public void No_provider_builds_no_client_and_reads_no_prompts()
    {
        var model = new LanguageModel(Options.Create(new LlmOptions()), () => throw new InvalidOperationException("prompts read"),
            TimeProvider.System, NullLogger<LanguageModel>.Instance);
        Assert.False(model.Enabled);
    }
}

using CrmBot.Core.Llm;
using Microsoft.Extensions.Configuration;

namespace CrmBot.Tests.Llm;

public sealed class LlmOptionsTests
{
    [Fact]
    public void No_provider_needs_nothing_else()
    {
        Assert.Empty(new LlmOptions().Problems());
        Assert.False(new LlmOptions().Enabled);
    }

    [Theory]
    [InlineData("openai", "", "", "k", "Llm:Model is required")]
    [InlineData("openai", "", "gpt-4o-mini", "", "Llm:ApiKey is required")]
    [InlineData("azure-openai", "", "my-deployment", "k", "Llm:Endpoint must be an absolute http(s) URL")]
    [InlineData("openai-compatible", "localhost:11434", "llama3.2", "", "Llm:Endpoint must be an absolute http(s) URL")]
    [InlineData("anthropic", "", "", "", "is not one of none, openai, azure-openai, openai-compatible")]
    public void A_provider_without_what_it_needs_is_refused_with_the_reason(string provider, string endpoint, string model, string key, string reason)
    {
        var options = new LlmOptions { Provider = provider, Endpoint = endpoint, Model = model, ApiKey = key };
        Assert.Contains(options.Problems(), p => p.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Keyless_local_server_is_accepted()
    {
        Assert.Empty(new LlmOptions { Provider = "openai-compatible", Endpoint = "http://localhost:11434/v1", Model = "llama3.2" }.Problems());
    }

    [Fact]
    public void A_key_written_into_a_settings_file_is_refused()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("crmbot-llm-").FullName, "appsettings.json");
        File.WriteAllText(file, """{ "Llm": { "Provider": "openai", "Model": "gpt-4o-mini", "ApiKey": "sk-committed" } }""");
        var configuration = new ConfigurationBuilder().AddJsonFile(file).Build();
        var options = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>()!;

        var result = new LlmOptionsValidator(configuration).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("must not be in appsettings.json", result.FailureMessage);
        var fromEnvironment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "openai", ["Llm:Model"] = "gpt-4o-mini", ["Llm:ApiKey"] = "sk-env",
        }).Build();
        Assert.True(new LlmOptionsValidator(fromEnvironment).Validate(null, fromEnvironment.GetSection(LlmOptions.Section).Get<LlmOptions>()!).Succeeded);
    }
}

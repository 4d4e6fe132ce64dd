using System.Xml.Linq;
using CrmBot.Core.Llm;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace CrmBot.Tests.Llm;

/// <summary>The prompt directories, loaded and rendered offline as the app loads and renders them.</summary>
public sealed class PromptTests
{
    private static readonly LlmPrompts Prompts = LlmPrompts.Load(Path.Combine(AppContext.BaseDirectory, "prompts"));

    private static KernelArguments ArgumentsFor(string prompt) =>
        new(Prompts[prompt].InputVariables.ToDictionary(v => v.Name, v => (object?)$"<{v.Name} & \"value\">"));

    [Theory]
    [InlineData(LlmPrompts.GroundedAnswer)]
    [InlineData(LlmPrompts.HandoffSummary)]
    [InlineData(LlmPrompts.ReplySuggestions)]
    [InlineData(LlmPrompts.ClassifyIntent)]
    public async Task Every_prompt_renders_into_a_system_and_a_user_message_with_its_variables_encoded(string prompt)
    {
        var rendered = await Prompts.RenderAsync(prompt, ArgumentsFor(prompt));

        // Semantic Kernel turns <message> tags into chat messages only when the whole prompt is well-formed XML: a stray
        // "<name>" in a template sends everything as one user message (it happened).
        var messages = XDocument.Parse("<prompt>" + rendered + "</prompt>").Root!.Elements("message").ToList();
        Assert.Equal(["system", "user"], messages.Select(m => (string?)m.Attribute("role")));
        foreach (var variable in Prompts[prompt].InputVariables)
        {
            Assert.Contains($"<{variable.Name} & \"value\">", string.Concat(messages.Select(m => m.Value)));
        }
        Assert.False(string.IsNullOrWhiteSpace(Prompts[prompt].Description));
    }

    [Fact]
    public void Prompts_that_parse_json_ask_for_json_and_all_stay_within_a_few_hundred_tokens()
    {
        foreach (var name in LlmPrompts.Required)
        {
            var settings = OpenAIPromptExecutionSettings.FromExecutionSettings(Prompts[name].ExecutionSettings[PromptExecutionSettings.DefaultServiceId]);
            Assert.InRange(settings.MaxTokens ?? 0, 1, 600);
            Assert.Equal(name != LlmPrompts.GroundedAnswer, settings.ResponseFormat?.ToString() == "json_object");
        }
        Assert.NotNull(OpenAIPromptExecutionSettings.FromExecutionSettings(Prompts[LlmPrompts.GroundedAnswer].ExecutionSettings["default"]).FunctionChoiceBehavior);
    }

    [Fact]
    public async Task Grounded_answer_tells_the_model_to_say_it_does_not_know_and_offer_a_person()
    {
        var rendered = await Prompts.RenderAsync(LlmPrompts.GroundedAnswer, new KernelArguments
        {
            ["shop"] = "Brightwave Electronics", ["customer"] = CustomerFacts.Guest, ["articles"] = "1. Delivery to Ireland: 3-5 working days.",
            ["history"] = "", ["question"] = "Do you deliver to Dublin?",
        });

        Assert.Contains("begin your reply with exactly \"I don't know\"", System.Net.WebUtility.HtmlDecode(rendered));
        Assert.Contains("1. Delivery to Ireland: 3-5 working days.", rendered);
        Assert.Contains("Do you deliver to Dublin?", rendered);
    }

    [Fact]
    public void A_template_using_an_undeclared_variable_fails_loading_with_the_folder_named()
    {
        var folder = Directory.CreateTempSubdirectory("crmbot-prompts-");
        try
        {
            foreach (var name in LlmPrompts.Required)
            {
                var from = Path.Combine(AppContext.BaseDirectory, "prompts", name);
                var to = Directory.CreateDirectory(Path.Combine(folder.FullName, name)).FullName;
                File.Copy(Path.Combine(from, "config.json"), Path.Combine(to, "config.json"));
                File.WriteAllText(Path.Combine(to, "skprompt.txt"), File.ReadAllText(Path.Combine(from, "skprompt.txt")) + (name == LlmPrompts.ReplySuggestions ? "{{$tone}}" : ""));
            }

            var error = Assert.Throws<InvalidOperationException>(() => LlmPrompts.Load(folder.FullName));

            Assert.Contains(LlmPrompts.ReplySuggestions, error.Message);
            Assert.Contains("tone", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

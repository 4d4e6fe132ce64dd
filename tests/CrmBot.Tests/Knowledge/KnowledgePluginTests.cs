using CrmBot.Core.Plugins;
using Microsoft.SemanticKernel;
using CrmBot.Core.Turns;

namespace CrmBot.Tests.Knowledge;

public sealed class KnowledgePluginTests(HelpCentreFixture help) : IClassFixture<HelpCentreFixture>
{
    private readonly KnowledgePlugin plugin = new(help.Blended, new ConversationOptions());

    [Fact]
    public async Task A_kernel_calls_answer_with_the_question_and_intent_only_and_gets_the_article_title()
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(plugin, "knowledge");

        var result = await kernel.InvokeAsync("knowledge", "answer", new KernelArguments { ["question"] = "do u deliver to dublin", ["intent"] = "delivery_options" });

        var answer = result.GetValue<KnowledgeAnswer>()!;
        Assert.Equal((true, "delivery-ireland", "Delivery to the Republic of Ireland"), (answer.Found, answer.Slug, answer.Title));
        Assert.False(kernel.Plugins["knowledge"]["answer"].Metadata.Parameters.Single(p => p.Name == "embedding").IsRequired);
    }

    [Fact]
    public void The_message_embedding_is_searched_when_given()
    {
        var answer = plugin.Answer("zzz", embedding: help.Embedder.Embed("do u deliver to dublin"));

        Assert.Equal("delivery-ireland", answer.Slug);
    }

    [Fact]
    public void A_misclassified_intent_alone_gets_no_answer()
    {
        var answer = plugin.Answer("who won the football last night", "track_refund");

        Assert.False(answer.Found, $"answered with {answer.Slug} at {answer.Score:F2}");
    }
}

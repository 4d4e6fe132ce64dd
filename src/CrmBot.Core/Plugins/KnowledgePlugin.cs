using System.ComponentModel;
using CrmBot.Core.Conversations;
using CrmBot.Core.Knowledge;
using Microsoft.SemanticKernel;

namespace CrmBot.Core.Plugins;

/// <summary>The shop's help-centre articles.</summary>
public sealed class KnowledgePlugin(KnowledgeSearch search, ConversationOptions options)
{
    [KernelFunction("answer"), Description("Finds the help-centre article that best answers a question and returns its title and short answer, or found=false when no article fits well.")]
    public KnowledgeAnswer Answer(
        [Description("The customer's question")] string question,
        [Description("Intent of the question, if known")] string intent = "",
        [Description("Sentence vector of the question, if already computed; leave empty")] float[]? embedding = null)
    {
        var hit = search.Search(question, 1, string.IsNullOrEmpty(intent) ? null : intent, embedding).FirstOrDefault();
        return hit is null || hit.NormalizedScore < options.KnowledgeMinScore
            ? new KnowledgeAnswer(false, "", "", "", hit?.NormalizedScore ?? 0)
            : new KnowledgeAnswer(true, hit.Slug, hit.Title, hit.Summary, hit.NormalizedScore);
    }
}

public sealed record KnowledgeAnswer(bool Found, string Slug, string Title, string Summary, double Score);

using System.ComponentModel;
using System.Text.RegularExpressions;
using CrmBot.Core.Turns;
using CrmBot.Core.Knowledge;
using Microsoft.SemanticKernel;

namespace CrmBot.Core.Plugins;

/// <summary>The shop's help-centre articles.</summary>
public sealed partial class KnowledgePlugin(KnowledgeSearch search, ConversationOptions options)
{
    /// <summary>How close to the best article another must score to win by answering more of what was asked.</summary>
    private const double CoverageMargin = 0.15;

    [KernelFunction("answer"), Description("Finds the help-centre article that best answers a question and returns its title and short answer, or found=false when no article fits well.")]
    public KnowledgeAnswer Answer(
        [Description("The customer's question")] string question,
        [Description("Intent of the question, if known")] string intent = "",
        [Description("Sentence vector of the question, if already computed; leave empty")] float[]? embedding = null)
    {
        var all = search.Search(question, 3, string.IsNullOrEmpty(intent) ? null : intent, embedding);
        var hits = all.Where(h => h.NormalizedScore >= options.KnowledgeMinScore).ToList();
        if (hits.Count == 0)
        {
            return new KnowledgeAnswer(false, "", "", "", all.FirstOrDefault()?.NormalizedScore ?? 0);
        }
        var hit = MostComplete(question, hits);
        return new KnowledgeAnswer(true, hit.Slug, hit.Title, hit.Summary, hit.NormalizedScore);
    }

    // "Do you take Amex and Klarna?": the Klarna article is closest in meaning, but the one whose answer names both
    // answers the question. Among close hits, the answer that repeats more of the question's words wins.
    private static KnowledgeHit MostComplete(string question, List<KnowledgeHit> hits)
    {
        var words = Word().Matches(question).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 4).Distinct().ToList();
        int Covered(KnowledgeHit hit) => words.Count(w => hit.Summary.Contains(w, StringComparison.OrdinalIgnoreCase));
        var top = hits[0];
        return hits.Where(h => h.NormalizedScore >= top.NormalizedScore - CoverageMargin)
            .OrderByDescending(Covered).ThenByDescending(h => h.NormalizedScore).First();
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}

public sealed record KnowledgeAnswer(bool Found, string Slug, string Title, string Summary, double Score)
{
    /// <summary>No article.</summary>
    public static KnowledgeAnswer None { get; } = new(false, "", "", "", 0);
}

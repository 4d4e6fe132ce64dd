using CrmBot.Core.Llm;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Analytics;

/// <summary>
/// What the language model did in the period's conversations: exchanges per purpose, how many were used and how many
/// fell back to the offline behaviour, tokens, and latency (mean and 95th percentile). Stateless; thread-safe.
/// </summary>
public sealed class LanguageModelAnalytics
{
    public async Task<LanguageModelFigures> UsageAsync(CrmDbContext db, AnalyticsFilter filter, CancellationToken ct)
    {
        var conversations = AnalyticsScope.Conversations(db, filter).Select(c => c.Id);
        var calls = await db.LlmCalls.AsNoTracking().Where(c => conversations.Contains(c.ConversationId))
            .Select(c => new { c.Purpose, c.Outcome, c.PromptTokens, c.CompletionTokens, c.LatencyMs, c.ToolCalls })
            .ToListAsync(ct);
        var purposes = calls.GroupBy(c => c.Purpose).OrderBy(g => g.Key).Select(g =>
        {
            var latencies = g.Select(c => c.LatencyMs).Order().ToList();
            int used = g.Count(c => c.Outcome == LlmOutcome.Used);
            return new LanguageModelPurpose(g.Key.ToString(), g.Count(), used, g.Count(c => c.Outcome is LlmOutcome.Timeout or LlmOutcome.Failed or LlmOutcome.Malformed),
                Ratio.Rate(used, g.Count()), g.Sum(c => c.PromptTokens), g.Sum(c => c.CompletionTokens), g.Sum(c => c.ToolCalls),
                Math.Round(latencies.Average()), Percentile(latencies, 0.95));
        }).ToList();
        int total = calls.Count, usedAll = purposes.Sum(p => p.Used);
        return new LanguageModelFigures(total, usedAll, purposes.Sum(p => p.FellBack), Ratio.Rate(usedAll, total),
            purposes.Sum(p => p.PromptTokens), purposes.Sum(p => p.CompletionTokens),
            total == 0 ? null : Math.Round(calls.Average(c => c.LatencyMs)), total == 0 ? null : Percentile(calls.Select(c => c.LatencyMs).Order().ToList(), 0.95),
            purposes);
    }

    // Nearest rank: the smallest latency at or above which the share lies.
    private static int Percentile(IReadOnlyList<int> sorted, double share) => sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];
}

/// <summary>The language model's exchanges in the period's conversations, overall and per purpose.</summary>
public sealed record LanguageModelFigures(int Exchanges, int Used, int FellBack, double? UsedRate, int PromptTokens, int CompletionTokens,
    double? MeanLatencyMs, int? P95LatencyMs, IReadOnlyList<LanguageModelPurpose> Purposes);

/// <summary>
/// Exchanges for one purpose (Answer, Intent, Summary, Suggestions): how many, how many used, how many fell back
/// (timeout, failure, malformed output; a declined intent is neither), tokens, tool calls and latency.
/// </summary>
public sealed record LanguageModelPurpose(string Purpose, int Exchanges, int Used, int FellBack, double? UsedRate, int PromptTokens,
    int CompletionTokens, int ToolCalls, double MeanLatencyMs, int P95LatencyMs);

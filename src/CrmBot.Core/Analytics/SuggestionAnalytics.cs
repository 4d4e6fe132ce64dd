using CrmBot.Core.Recommendations;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Analytics;

/// <summary>
/// Click-through of product suggestions per strategy, the figure an A/B test of strategies is read by. Counts the
/// suggestions of the conversations the filter selects (started in the period). Stateless; thread-safe.
/// </summary>
public sealed class SuggestionAnalytics
{
    public async Task<SuggestionFigures> ClickThroughAsync(CrmDbContext db, AnalyticsFilter filter, CancellationToken ct)
    {
        var conversations = AnalyticsScope.Conversations(db, filter).Select(c => c.Id);
        var rows = await db.RecommendationEvents.AsNoTracking()
            .Where(e => e.ConversationId != null && conversations.Contains(e.ConversationId.Value))
            .GroupBy(e => e.Strategy)
            .Select(g => new
            {
                Strategy = g.Key,
                Conversations = g.Select(e => e.ConversationId).Distinct().Count(),
                Shown = g.Count(),
                Clicked = g.Count(e => e.ClickedAt != null),
            })
            .ToListAsync(ct);
        var strategies = rows
            .Select(r => new StrategyClicks(r.Strategy, r.Conversations, r.Shown, r.Clicked, Ratio.Rate(r.Clicked, r.Shown)))
            .OrderByDescending(s => s.Shown).ThenBy(s => s.Strategy, StringComparer.Ordinal)
            .ToList();
        int shown = strategies.Sum(s => s.Shown), clicked = strategies.Sum(s => s.Clicked);
        return new SuggestionFigures(shown, clicked, Ratio.Rate(clicked, shown), strategies);
    }
}

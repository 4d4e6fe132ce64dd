using CrmBot.Core.Conversations;
using CrmBot.Core.Storage;
using CrmBot.Intelligence.Sentiment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Analytics;

/// <summary>
/// The intents customers are most negative about and the phrases behind it. Counting is done in SQL; only a bounded
/// sample of message texts per reported intent is read to find phrases (<see cref="AnalyticsOptions.PhraseSampleMessages"/>).
/// Stateless; thread-safe.
/// </summary>
public sealed class NegativeIntentAnalytics(IOptions<AnalyticsOptions> options)
{
    public async Task<NegativeIntents> TopAsync(CrmDbContext db, AnalyticsFilter filter, int top, CancellationToken ct)
    {
        var settings = options.Value;
        var intents = (await SentimentAnalytics.ByIntentQuery(db, filter).ToListAsync(ct))
            .Select(r => (Counts: r, Negative: r.Negative + r.Angry))
            .Where(r => r.Negative > 0)
            .OrderByDescending(r => r.Negative)
            .ThenByDescending(r => (double)r.Negative / r.Counts.Messages)
            .ThenBy(r => r.Counts.Intent, StringComparer.Ordinal)
            .Take(Math.Clamp(top, 1, settings.MaxNegativeIntents))
            .ToList();

        var result = new List<NegativeIntent>(intents.Count);
        foreach (var (counts, negative) in intents)
        {
            var ofIntent = AnalyticsScope.CustomerMessages(db, filter).Where(i => i.Intent == counts.Intent && i.SentimentLabel != null);
            var negativeTexts = await Latest(ofIntent.Where(i => i.SentimentLabel == SentimentAnalyzer.Negative || i.SentimentLabel == SentimentAnalyzer.Angry), settings.PhraseSampleMessages, ct);
            var otherTexts = await Latest(ofIntent.Where(i => i.SentimentLabel != SentimentAnalyzer.Negative && i.SentimentLabel != SentimentAnalyzer.Angry), settings.PhraseSampleMessages, ct);
            result.Add(new NegativeIntent(counts.Intent, counts.Messages, negative, Ratio.Share(negative, counts.Messages),
                counts.Messages == 0 ? null : counts.ScoreSum / counts.Messages, negativeTexts.Count, otherTexts.Count,
                PhraseCounter.Drivers(negativeTexts, otherTexts, settings.PhrasesPerIntent)));
        }
        return new NegativeIntents(settings.PhraseSampleMessages, result);
    }

    private static Task<List<string>> Latest(IQueryable<Interaction> messages, int count, CancellationToken ct) =>
        messages.OrderByDescending(i => i.Timestamp).ThenByDescending(i => i.Id).Select(i => i.Text).Take(count).ToListAsync(ct);
}

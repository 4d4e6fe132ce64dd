using CrmBot.Core.Storage;
using CrmBot.Intelligence.Sentiment;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Analytics;

/// <summary>
/// Customer sentiment over time and per intent, from the score and label stored on every customer message. Replies
/// carry their message's annotations too, so only the customer's own messages are counted. Stateless; thread-safe.
/// </summary>
public sealed class SentimentAnalytics
{
    public async Task<SentimentOverTime> OverTimeAsync(CrmDbContext db, AnalyticsFilter filter, TimeGranularity granularity, CancellationToken ct)
    {
        var quarters = await AnalyticsScope.CustomerMessages(db, filter)
            .Where(i => i.SentimentScore != null)
            .GroupBy(i => StoredTime.QuarterHour(i.Timestamp))
            .Select(g => new LabelCounts(
                g.Key,
                g.Count(),
                g.Sum(i => i.SentimentScore!.Value),
                g.Count(i => i.SentimentLabel == SentimentAnalyzer.Positive),
                g.Count(i => i.SentimentLabel == SentimentAnalyzer.Neutral),
                g.Count(i => i.SentimentLabel == SentimentAnalyzer.Negative),
                g.Count(i => i.SentimentLabel == SentimentAnalyzer.Angry)))
            .ToListAsync(ct);

        var calendar = new LocalCalendar(filter.Period);
        var buckets = granularity == TimeGranularity.Day
            ? Buckets(calendar.Days().Select(calendar.StartOf), quarters, q => calendar.StartOf(calendar.DayOf(q.Key)))
            : Buckets(calendar.Hours(), quarters, q => calendar.HourOf(q.Key));
        return new SentimentOverTime(granularity, filter.Period.Zone.Id, buckets);
    }

    public async Task<SentimentByIntent> ByIntentAsync(CrmDbContext db, AnalyticsFilter filter, CancellationToken ct)
    {
        var rows = await ByIntentQuery(db, filter).ToListAsync(ct);
        return new SentimentByIntent(rows
            .Select(r => new IntentSentiment(r.Intent, r.Messages, r.Messages == 0 ? null : r.ScoreSum / r.Messages,
                r.Positive, r.Neutral, r.Negative, r.Angry, Ratio.Share(r.Negative + r.Angry, r.Messages)))
            .OrderByDescending(r => r.Messages).ThenBy(r => r.Intent, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>Per intent: customer messages with a sentiment, their score sum and label counts.</summary>
    internal static IQueryable<IntentLabelCounts> ByIntentQuery(CrmDbContext db, AnalyticsFilter filter) =>
        AnalyticsScope.CustomerMessages(db, filter)
            .Where(i => i.Intent != null && i.SentimentScore != null)
            .GroupBy(i => i.Intent!)
            .Select(g => new IntentLabelCounts(
                g.Key,
                g.Count(),
                g.Sum(i => i.SentimentScore!.Value),
                g.Count(i => i.SentimentLabel == SentimentAnalyzer.Positive),
                g.Count(i => i.SentimentLabel == SentimentAnalyzer.Neutral),
                g.Count(i => i.SentimentLabel == SentimentAnalyzer.Negative),
                g.Count(i => i.SentimentLabel == SentimentAnalyzer.Angry)));

    private static List<SentimentBucket> Buckets(IEnumerable<DateTimeOffset> starts, List<LabelCounts> quarters, Func<LabelCounts, DateTimeOffset> bucketOf)
    {
        var sums = quarters.GroupBy(bucketOf).ToDictionary(g => g.Key, g => g.Aggregate(LabelCounts.Add));
        return starts.Select(start => sums.TryGetValue(start, out var s)
                ? new SentimentBucket(start, s.Messages, s.ScoreSum / s.Messages, s.Positive, s.Neutral, s.Negative, s.Angry)
                : new SentimentBucket(start, 0, null, 0, 0, 0, 0))
            .ToList();
    }

    internal sealed record LabelCounts(long Key, int Messages, double ScoreSum, int Positive, int Neutral, int Negative, int Angry)
    {
        public static LabelCounts Add(LabelCounts a, LabelCounts b) => new(a.Key, a.Messages + b.Messages, a.ScoreSum + b.ScoreSum,
            a.Positive + b.Positive, a.Neutral + b.Neutral, a.Negative + b.Negative, a.Angry + b.Angry);
    }

    internal sealed record IntentLabelCounts(string Intent, int Messages, double ScoreSum, int Positive, int Neutral, int Negative, int Angry);
}

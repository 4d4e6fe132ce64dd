using CrmBot.Core.Analytics;

namespace CrmBot.Tests.Analytics;

/// <summary>Sentiment over time and per intent, against the figures counted by hand from <see cref="AnalyticsScenario"/>.</summary>
public abstract class SentimentAnalyticsTests(ScenarioStore store)
{
    private readonly SentimentAnalytics sentiment = new();

    [Fact]
    public async Task Daily_sentiment_averages_customer_messages_per_local_day_and_ignores_bot_replies()
    {
        await using var db = store.Open();

        var figure = await sentiment.OverTimeAsync(db, ScenarioStore.Weekend(), TimeGranularity.Day, default);

        Assert.Equal("Europe/London", figure.TimeZone);
        Assert.Equal(
            [
                new DateTimeOffset(2024, 10, 26, 0, 0, 0, TimeSpan.FromHours(1)),
                new DateTimeOffset(2024, 10, 27, 0, 0, 0, TimeSpan.FromHours(1)),
                new DateTimeOffset(2024, 10, 28, 0, 0, 0, TimeSpan.Zero),
            ],
            figure.Buckets.Select(b => b.Start));
        // Saturday holds K6's 00:30 BST message, which is still Friday in UTC: 0.1 - 0.2 - 0.7 - 0.6 - 0.1 over 5.
        var saturday = figure.Buckets[0];
        Assert.Equal((5, 0, 3, 2, 0), (saturday.Messages, saturday.Positive, saturday.Neutral, saturday.Negative, saturday.Angry));
        Assert.Equal(-0.3, saturday.AverageScore!.Value, 6);
        var sunday = figure.Buckets[1];
        Assert.Equal((3, 1, 0, 1, 1), (sunday.Messages, sunday.Positive, sunday.Neutral, sunday.Negative, sunday.Angry));
        Assert.Equal(-0.85 / 3, sunday.AverageScore!.Value, 6);
        var monday = figure.Buckets[2];
        Assert.Equal((3, 0, 0, 3, 0), (monday.Messages, monday.Positive, monday.Neutral, monday.Negative, monday.Angry));
        Assert.Equal(-1.7 / 3, monday.AverageScore!.Value, 6);
    }

    [Fact]
    public async Task Hourly_sentiment_lists_every_local_hour_and_keeps_the_repeated_hour_apart_when_the_clocks_go_back()
    {
        await using var db = store.Open();

        var figure = await sentiment.OverTimeAsync(db, ScenarioStore.Weekend(), TimeGranularity.Hour, default);

        // 24 + 25 + 24 hours; the empty ones are listed without an average.
        Assert.Equal(73, figure.Buckets.Count);
        Assert.Equal(11, figure.Buckets.Sum(b => b.Messages));
        var firstOneThirty = figure.Buckets.Single(b => b.Start == new DateTimeOffset(2024, 10, 27, 1, 0, 0, TimeSpan.FromHours(1)));
        var secondOneThirty = figure.Buckets.Single(b => b.Start == new DateTimeOffset(2024, 10, 27, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal((2, 1, 1), (firstOneThirty.Messages, firstOneThirty.Angry, firstOneThirty.Negative));
        Assert.Equal(-0.825, firstOneThirty.AverageScore!.Value, 6);
        Assert.Equal((1, 1), (secondOneThirty.Messages, secondOneThirty.Positive));
        var starts = figure.Buckets.Select(b => b.Start).ToList();
        Assert.Equal(starts.IndexOf(firstOneThirty.Start) + 1, starts.IndexOf(secondOneThirty.Start));
        Assert.Null(figure.Buckets[5].AverageScore);
        Assert.Equal(0, figure.Buckets[5].Messages);
    }

    [Fact]
    public async Task Sentiment_per_intent_counts_labels_and_the_negative_share_of_each_intent()
    {
        await using var db = store.Open();

        var figure = await sentiment.ByIntentAsync(db, ScenarioStore.Weekend(), default);

        Assert.Equal(["get_refund", "payment_issue", "track_order", "contact_human_agent", "greeting"], figure.Intents.Select(i => i.Intent));
        var refund = figure.Intents[0];
        Assert.Equal((3, 1, 0, 1, 1), (refund.Messages, refund.Positive, refund.Neutral, refund.Negative, refund.Angry));
        Assert.Equal(-0.85 / 3, refund.AverageScore!.Value, 6);
        Assert.Equal(2.0 / 3, refund.NegativeShare, 6);
        var tracking = figure.Intents[2];
        Assert.Equal((3, 0, 1, 2, 0), (tracking.Messages, tracking.Positive, tracking.Neutral, tracking.Negative, tracking.Angry));
        Assert.Equal(-0.5, tracking.AverageScore!.Value, 6);
        Assert.Equal(1.0, figure.Intents[1].NegativeShare);
        Assert.Equal(0.0, figure.Intents[4].NegativeShare);
    }

    [Fact]
    public async Task Channel_filter_keeps_only_that_channels_messages()
    {
        await using var db = store.Open();

        var figure = await sentiment.OverTimeAsync(db, ScenarioStore.Weekend(channel: "msteams"), TimeGranularity.Day, default);

        Assert.Equal([0, 3, 0], figure.Buckets.Select(b => b.Messages));
    }

    [Fact]
    public async Task Intent_filter_keeps_only_messages_of_that_intent()
    {
        await using var db = store.Open();

        var figure = await sentiment.ByIntentAsync(db, ScenarioStore.Weekend(intent: "track_order"), default);

        Assert.Equal("track_order", Assert.Single(figure.Intents).Intent);
    }

    [Fact]
    public async Task Segment_and_tier_filters_keep_the_messages_of_those_customers()
    {
        await using var db = store.Open();

        var loyal = await sentiment.OverTimeAsync(db, ScenarioStore.Weekend(segment: "loyal"), TimeGranularity.Day, default);
        var vip = await sentiment.ByIntentAsync(db, ScenarioStore.Weekend(tier: Core.Customers.CustomerTier.Vip), default);

        // Lou wrote in K6 and K2 on Saturday; Vic in K3 (refund) and K9 (payment).
        Assert.Equal([3, 0, 0], loyal.Buckets.Select(b => b.Messages));
        Assert.Equal([("get_refund", 2), ("payment_issue", 1)], vip.Intents.Select(i => (i.Intent, i.Messages)));
    }

    [Fact]
    public async Task Queue_and_agent_filters_keep_the_messages_of_conversations_escalated_there()
    {
        await using var db = store.Open();

        var billing = await sentiment.ByIntentAsync(db, ScenarioStore.Weekend(queue: "billing"), default);
        var tom = await sentiment.ByIntentAsync(db, ScenarioStore.Weekend(agentId: store.Scenario.Tom.Id), default);

        Assert.Equal([("payment_issue", 3)], billing.Intents.Select(i => (i.Intent, i.Messages)));
        Assert.Equal([("get_refund", 2), ("payment_issue", 1)], tom.Intents.Select(i => (i.Intent, i.Messages)));
    }
}

/// <summary><see cref="SentimentAnalyticsTests"/> on SQLite.</summary>
public sealed class SqliteSentimentAnalyticsTests(SqliteScenarioStore store) : SentimentAnalyticsTests(store), IClassFixture<SqliteScenarioStore>;

/// <summary><see cref="SentimentAnalyticsTests"/> on PostgreSQL: the same figures.</summary>
[Collection(PostgreSqlScenarioCollection.Name)]
public sealed class PostgreSqlSentimentAnalyticsTests(PostgreSqlScenarioStore store) : SentimentAnalyticsTests(store);

using CrmBot.Core.Analytics;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.Analytics;

/// <summary>The most negative intents and the phrases behind them, against <see cref="AnalyticsScenario"/>.</summary>
public abstract class NegativeIntentTests(ScenarioStore store)
{
    private static NegativeIntentAnalytics Analytics(int sample = 500) =>
        new(Options.Create(new AnalyticsOptions { PhraseSampleMessages = sample }));

    [Fact]
    public async Task Top_negative_intents_are_ranked_by_negative_messages_then_by_their_share()
    {
        await using var db = store.Open();

        var figure = await Analytics().TopAsync(db, ScenarioStore.Weekend(), top: 5, default);

        Assert.Equal(
            [("payment_issue", 3, 3), ("get_refund", 3, 2), ("track_order", 3, 2)],
            figure.Intents.Select(i => (i.Intent, i.Messages, i.NegativeMessages)));
        Assert.Equal(-1.7 / 3, figure.Intents[0].AverageScore!.Value, 6);
        Assert.Equal(2.0 / 3, figure.Intents[1].NegativeShare, 6);
    }

    [Fact]
    public async Task Phrases_are_those_repeated_in_negative_messages_and_rarer_in_the_intents_other_messages()
    {
        await using var db = store.Open();

        var figure = await Analytics().TopAsync(db, ScenarioStore.Weekend(), top: 5, default);

        var payment = figure.Intents.Single(i => i.Intent == "payment_issue");
        Assert.Equal((3, 0), (payment.SampledNegative, payment.SampledOther));
        Assert.Equal([new DrivingPhrase("charged twice", 3, 1.0, 0.0)], payment.Phrases);
        var tracking = figure.Intents.Single(i => i.Intent == "track_order");
        Assert.Equal((2, 1), (tracking.SampledNegative, tracking.SampledOther));
        Assert.Equal([new DrivingPhrase("still not arrived", 2, 1.0, 0.0)], tracking.Phrases);
        // The two negative refund messages share only "refund"; the positive one does not say it.
        Assert.Equal(["refund"], figure.Intents.Single(i => i.Intent == "get_refund").Phrases.Select(p => p.Phrase));
    }

    [Fact]
    public async Task Top_limits_the_intents_and_the_sample_limits_the_messages_read_for_phrases()
    {
        await using var db = store.Open();

        var figure = await Analytics(sample: 1).TopAsync(db, ScenarioStore.Weekend(), top: 1, default);

        var payment = Assert.Single(figure.Intents);
        Assert.Equal(("payment_issue", 3), (payment.Intent, payment.NegativeMessages));
        // One message read: no phrase can be found in two.
        Assert.Equal((1, 0), (payment.SampledNegative, payment.SampledOther));
        Assert.Empty(payment.Phrases);
    }
}

/// <summary><see cref="NegativeIntentTests"/> on SQLite.</summary>
public sealed class SqliteNegativeIntentTests(SqliteScenarioStore store) : NegativeIntentTests(store), IClassFixture<SqliteScenarioStore>;

/// <summary><see cref="NegativeIntentTests"/> on PostgreSQL: the same figures.</summary>
[Collection(PostgreSqlScenarioCollection.Name)]
public sealed class PostgreSqlNegativeIntentTests(PostgreSqlScenarioStore store) : NegativeIntentTests(store);

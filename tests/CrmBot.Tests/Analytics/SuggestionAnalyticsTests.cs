using CrmBot.Core.Analytics;

namespace CrmBot.Tests.Analytics;

/// <summary>Click-through of product suggestions per strategy, against <see cref="AnalyticsScenario"/> counted by hand.</summary>
public abstract class SuggestionAnalyticsTests(ScenarioStore store)
{
    [Fact]
    public async Task Click_through_is_counted_per_strategy_over_the_periods_conversations()
    {
        await using var db = store.Open();

        var figure = await new SuggestionAnalytics().ClickThroughAsync(db, ScenarioStore.Weekend(), default);

        // K7's suggestions are on the Tuesday, outside the period.
        Assert.Equal(
            [
                new StrategyClicks("personal-blend", 2, 5, 3, 0.6),
                new StrategyClicks("popular", 1, 3, 0, 0.0),
            ],
            figure.Strategies);
        Assert.Equal((8, 3, 3.0 / 8), (figure.Shown, figure.Clicked, figure.ClickThroughRate));
    }

    [Fact]
    public async Task Channel_filter_counts_only_that_channels_suggestions()
    {
        await using var db = store.Open();

        var figure = await new SuggestionAnalytics().ClickThroughAsync(db, ScenarioStore.Weekend(channel: "msteams"), default);

        Assert.Equal([new StrategyClicks("personal-blend", 1, 2, 2, 1.0)], figure.Strategies);
    }

    [Fact]
    public async Task A_period_without_suggestions_has_no_click_through_rate()
    {
        await using var db = store.Open();

        var figure = await new SuggestionAnalytics().ClickThroughAsync(db, ScenarioStore.Weekend(segment: "no-such-segment"), default);

        Assert.Equal((0, 0, (double?)null), (figure.Shown, figure.Clicked, figure.ClickThroughRate));
        Assert.Empty(figure.Strategies);
    }
}

/// <summary><see cref="SuggestionAnalyticsTests"/> on SQLite.</summary>
public sealed class SqliteSuggestionAnalyticsTests(SqliteScenarioStore store) : SuggestionAnalyticsTests(store), IClassFixture<SqliteScenarioStore>;

/// <summary><see cref="SuggestionAnalyticsTests"/> on PostgreSQL: the same figures.</summary>
[Collection(PostgreSqlScenarioCollection.Name)]
public sealed class PostgreSqlSuggestionAnalyticsTests(PostgreSqlScenarioStore store) : SuggestionAnalyticsTests(store);

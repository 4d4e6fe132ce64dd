using CrmBot.Core.Analytics;

namespace CrmBot.Tests.Analytics;

/// <summary>Escalation rate and reasons, containment, CSAT and queue times, against <see cref="AnalyticsScenario"/> counted by hand.</summary>
public abstract class EscalationAnalyticsTests(ScenarioStore store)
{
    private readonly EscalationAnalytics escalations = new();

    [Fact]
    public async Task Escalation_rate_is_escalated_conversations_over_conversations_the_customer_wrote_in()
    {
        await using var db = store.Open();

        var figure = await escalations.EscalationsAsync(db, ScenarioStore.Weekend(), default);

        // K1 K2 K3 K4 K5 K6 K9 (K8 is silent, K7 after Monday); K2 K3 K5 K9 escalated. E1 E2 E3 E4 E6 created in the period.
        Assert.Equal((7, 4, 5), (figure.Conversations, figure.EscalatedConversations, figure.Escalations));
        Assert.Equal(4.0 / 7, figure.Rate!.Value, 6);
        Assert.Equal(
            [("CustomerRequest", 2, 0.4), ("NegativeSentiment", 1, 0.2), ("RepeatedFallback", 1, 0.2), ("VipComplaint", 1, 0.2)],
            figure.Reasons.Select(r => (r.Reason, r.Escalations, Math.Round(r.Share, 6))));
    }

    [Fact]
    public async Task Containment_rate_counts_conversations_never_handed_to_an_agent()
    {
        await using var db = store.Open();

        var figure = await escalations.ContainmentAsync(db, ScenarioStore.Weekend(), default);

        Assert.Equal((7, 3, 4, 4), (figure.Conversations, figure.Contained, figure.Escalated, figure.ReachedAgent));
        Assert.Equal(3.0 / 7, figure.Rate!.Value, 6);
        // Per local day: Saturday K6 K1 K2, Sunday K3 K4, Monday K9 K5.
        Assert.Equal(
            [(AnalyticsScenario.Saturday, 3, 2), (AnalyticsScenario.Saturday.AddDays(1), 2, 1), (AnalyticsScenario.Monday, 2, 0)],
            figure.Days.Select(d => (d.Date, d.Conversations, d.Contained)));
        Assert.Equal(0.0, figure.Days[2].Rate);
    }

    [Fact]
    public async Task Containment_is_unknown_rather_than_zero_on_days_without_conversations()
    {
        await using var db = store.Open();
        var filter = ScenarioStore.Weekend() with
        {
            Period = ReportPeriod.Of(AnalyticsScenario.Monday.AddDays(2), AnalyticsScenario.Monday.AddDays(3), ScenarioStore.London),
        };

        var figure = await escalations.ContainmentAsync(db, filter, default);

        Assert.Equal(0, figure.Conversations);
        Assert.Null(figure.Rate);
        Assert.All(figure.Days, d => Assert.Null(d.Rate));
    }

    [Fact]
    public async Task Csat_averages_the_ratings_and_counts_how_many_of_the_resolved_were_rated()
    {
        await using var db = store.Open();

        var figure = await escalations.CsatAsync(db, ScenarioStore.Weekend(), default);

        // Asked after E1, E3 and E6 (E2 was handed back, E4 never reached anyone); E1 rated 4, E3 rated 2.
        Assert.Equal((3, 2), (figure.Asked, figure.Rated));
        Assert.Equal(2.0 / 3, figure.ResponseRate!.Value, 6);
        Assert.Equal(3.0, figure.Average);
        Assert.Equal([(1, 0), (2, 1), (3, 0), (4, 1), (5, 0)], figure.Scores.Select(s => (s.Score, s.Ratings)));
        Assert.Equal(0.5, figure.Scores[1].Share);
    }

    [Fact]
    public async Task Wait_and_handle_times_average_over_the_escalations_that_have_them_per_queue_and_overall()
    {
        await using var db = store.Open();

        var figure = await escalations.HandlingTimesAsync(db, ScenarioStore.Weekend(), default);

        Assert.Equal(new QueueHandlingTime("all", 5, 4, 225, 600, 4, 1050), figure.All);
        Assert.Equal(
            [
                new QueueHandlingTime("billing", 3, 2, 90, 120, 2, 900),
                new QueueHandlingTime("orders", 1, 1, 120, 120, 1, 600),
                new QueueHandlingTime("returns", 1, 1, 600, 600, 1, 1800),
            ],
            figure.Queues);
    }

    [Fact]
    public async Task Queue_filter_counts_only_that_queues_escalations_and_the_conversations_that_went_there()
    {
        await using var db = store.Open();

        var escalated = await escalations.EscalationsAsync(db, ScenarioStore.Weekend(queue: "billing"), default);
        var times = await escalations.HandlingTimesAsync(db, ScenarioStore.Weekend(queue: "billing"), default);

        Assert.Equal((2, 2, 3), (escalated.Conversations, escalated.EscalatedConversations, escalated.Escalations));
        Assert.Equal(["billing"], times.Queues.Select(q => q.Queue));
        Assert.Equal(3, times.All.Escalations);
    }

    [Fact]
    public async Task Agent_filter_counts_only_the_escalations_that_agent_had()
    {
        await using var db = store.Open();

        var csat = await escalations.CsatAsync(db, ScenarioStore.Weekend(agentId: store.Scenario.Tom.Id), default);

        // Tom had E2 (handed back) and E6 (resolved, not rated); E5 with its rating of 1 is after Monday.
        Assert.Equal((1, 0), (csat.Asked, csat.Rated));
        Assert.Equal(0.0, csat.ResponseRate);
        Assert.Null(csat.Average);
    }

    [Fact]
    public async Task Intent_filter_keeps_conversations_where_the_customer_raised_that_intent()
    {
        await using var db = store.Open();

        var containment = await escalations.ContainmentAsync(db, ScenarioStore.Weekend(intent: "track_order"), default);
        var reasons = await escalations.EscalationsAsync(db, ScenarioStore.Weekend(intent: "track_order"), default);

        // K1 (contained) and K2 (escalated as E1, on a person request after a tracking question).
        Assert.Equal((2, 1), (containment.Conversations, containment.Contained));
        Assert.Equal([("CustomerRequest", 1)], reasons.Reasons.Select(r => (r.Reason, r.Escalations)));
    }
}

/// <summary><see cref="EscalationAnalyticsTests"/> on SQLite.</summary>
public sealed class SqliteEscalationAnalyticsTests(SqliteScenarioStore store) : EscalationAnalyticsTests(store), IClassFixture<SqliteScenarioStore>;

/// <summary><see cref="EscalationAnalyticsTests"/> on PostgreSQL: the same figures.</summary>
[Collection(PostgreSqlScenarioCollection.Name)]
public sealed class PostgreSqlEscalationAnalyticsTests(PostgreSqlScenarioStore store) : EscalationAnalyticsTests(store);

using CrmBot.Core.Analytics;

namespace CrmBot.Tests.Analytics;

/// <summary>Busiest hours and agent workload, against <see cref="AnalyticsScenario"/> counted by hand.</summary>
public abstract class TrafficAndWorkloadTests(ScenarioStore store)
{
    [Fact]
    public async Task Busiest_hours_count_conversations_and_escalations_per_local_weekday_and_hour()
    {
        await using var db = store.Open();

        var figure = await new TrafficAnalytics().BusiestHoursAsync(db, ScenarioStore.Weekend(), default);

        Assert.Equal(7 * 24, figure.Cells.Count);
        Assert.Equal((DayOfWeek.Monday, 0), (figure.Cells[0].Weekday, figure.Cells[0].Hour));
        var busy = figure.Cells.Where(c => c.Conversations > 0 || c.Escalations > 0)
            .Select(c => (c.Weekday, c.Hour, c.Conversations, c.Escalations)).ToList();
        // Both 01:30s of the Sunday the clocks went back fall in Sunday 01:00.
        Assert.Equal(
            [
                (DayOfWeek.Monday, 9, 1, 1), (DayOfWeek.Monday, 14, 1, 2),
                (DayOfWeek.Saturday, 0, 1, 0), (DayOfWeek.Saturday, 9, 1, 0), (DayOfWeek.Saturday, 10, 1, 1),
                (DayOfWeek.Sunday, 1, 2, 1),
            ],
            busy);
    }

    [Fact]
    public async Task Agent_workload_lists_every_agent_with_their_escalations_handle_time_ratings_and_messages()
    {
        await using var db = store.Open();
        var scenario = store.Scenario;

        var figure = await new AgentWorkloadAnalytics().WorkloadAsync(db, ScenarioStore.Weekend(), default);

        Assert.Equal(
            [
                new AgentLoad(scenario.Priya.Id, "Priya Analytics", 2, 2, 2, 0, 900, 2, 3.0, 3),
                new AgentLoad(scenario.Tom.Id, "Tom Analytics", 2, 2, 1, 1, 1200, 0, null, 1),
                new AgentLoad(scenario.Idle.Id, "Idle Analytics", 0, 0, 0, 0, null, 0, null, 0),
            ],
            figure.Agents);
    }

    [Fact]
    public async Task Agent_filter_shows_only_that_agent()
    {
        await using var db = store.Open();

        var figure = await new AgentWorkloadAnalytics().WorkloadAsync(db, ScenarioStore.Weekend(agentId: store.Scenario.Tom.Id), default);

        Assert.Equal(store.Scenario.Tom.Id, Assert.Single(figure.Agents).AgentId);
    }

    [Fact]
    public async Task Channel_filter_counts_only_that_channels_work()
    {
        await using var db = store.Open();

        var hours = await new TrafficAnalytics().BusiestHoursAsync(db, ScenarioStore.Weekend(channel: "msteams"), default);
        var workload = await new AgentWorkloadAnalytics().WorkloadAsync(db, ScenarioStore.Weekend(channel: "msteams"), default);

        Assert.Equal((2, 1), (hours.Cells.Sum(c => c.Conversations), hours.Cells.Sum(c => c.Escalations)));
        Assert.Equal([(store.Scenario.Tom.Id, 1, 0)], workload.Agents.Where(a => a.Assigned > 0 || a.Messages > 0).Select(a => (a.AgentId, a.Assigned, a.Messages)));
    }
}

/// <summary><see cref="TrafficAndWorkloadTests"/> on SQLite.</summary>
public sealed class SqliteTrafficAndWorkloadTests(SqliteScenarioStore store) : TrafficAndWorkloadTests(store), IClassFixture<SqliteScenarioStore>;

/// <summary><see cref="TrafficAndWorkloadTests"/> on PostgreSQL: the same figures.</summary>
[Collection(PostgreSqlScenarioCollection.Name)]
public sealed class PostgreSqlTrafficAndWorkloadTests(PostgreSqlScenarioStore store) : TrafficAndWorkloadTests(store);

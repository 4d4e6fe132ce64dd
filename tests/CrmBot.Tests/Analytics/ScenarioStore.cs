using CrmBot.Core.Analytics;
using CrmBot.Core.Customers;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Tests.Analytics;

/// <summary>
/// A real store, migrated as the app migrates it, holding only <see cref="AnalyticsScenario"/> over the weekend the
/// clocks went back in 2024. Read-only for the tests that share it. The analytics tests run on both stores
/// (<see cref="SqliteScenarioStore"/>, <see cref="PostgreSqlScenarioStore"/>) with the same expected figures.
/// </summary>
public abstract class ScenarioStore : IAsyncLifetime
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public AnalyticsScenario Scenario { get; } = new(AnalyticsScenario.DaylightSavingEnd);

    /// <summary>A new context on the store.</summary>
    public abstract CrmDbContext Open();

    /// <summary>Makes the empty database <see cref="Open"/> connects to.</summary>
    protected abstract Task CreateAsync();

    public async Task InitializeAsync()
    {
        await CreateAsync();
        await using var db = Open();
        await db.Database.MigrateAsync();
        await Scenario.AddToAsync(db);
    }

    /// <summary>Saturday to Monday in London, with the given filters.</summary>
    public static AnalyticsFilter Weekend(
        string? channel = null, string? intent = null, string? queue = null, int? agentId = null, string? segment = null, CustomerTier? tier = null) =>
        new(ReportPeriod.Of(AnalyticsScenario.Saturday, AnalyticsScenario.Monday, London), channel, intent, queue, agentId, segment, tier);

    public abstract Task DisposeAsync();
}

/// <summary>The scenario in a SQLite file in a temp folder.</summary>
public sealed class SqliteScenarioStore : ScenarioStore
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "crmbot-analytics-" + Guid.NewGuid().ToString("N"));

    public override CrmDbContext Open() =>
        new(new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={Path.Combine(directory, "crmbot.db")}").Options);

    protected override Task CreateAsync()
    {
        Directory.CreateDirectory(directory);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        TestDirectories.Delete(directory);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The scenario in a database on the run's throwaway PostgreSQL server (<see cref="TestDatabases"/>), shared by the
/// analytics test classes of <see cref="PostgreSqlScenarioCollection"/>.
/// </summary>
public sealed class PostgreSqlScenarioStore : ScenarioStore
{
    private string? connectionString;

    public override CrmDbContext Open() =>
        new PostgreSqlCrmDbContext(new DbContextOptionsBuilder<PostgreSqlCrmDbContext>()
            .UseNpgsql(connectionString ?? throw new InvalidOperationException("The store is not created yet.")).Options);

    protected override async Task CreateAsync()
    {
        connectionString = await (await TestDatabases.ClusterAsync()).CreateDatabaseAsync("analytics");
    }

    // The run's server outlives the class; a scenario database is small, and goes with it.
    public override Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class PostgreSqlScenarioCollection : ICollectionFixture<PostgreSqlScenarioStore>
{
    public const string Name = "analytics on PostgreSQL";
}

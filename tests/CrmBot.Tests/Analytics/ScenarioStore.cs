using CrmBot.Core.Analytics;
using CrmBot.Core.Customers;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Tests.Analytics;

/// <summary>
/// A real SQLite file in a temp folder, migrated as the app migrates it, holding only <see cref="AnalyticsScenario"/>
/// over the weekend the clocks went back in 2024. Read-only for the tests that share it.
/// </summary>
public sealed class ScenarioStore : IAsyncLifetime
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private readonly string directory = Path.Combine(Path.GetTempPath(), "crmbot-analytics-" + Guid.NewGuid().ToString("N"));

    public AnalyticsScenario Scenario { get; } = new(AnalyticsScenario.DaylightSavingEnd);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        await using var db = Open();
        await db.Database.MigrateAsync();
        await Scenario.AddToAsync(db);
    }

    public CrmDbContext Open() =>
        new(new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={Path.Combine(directory, "crmbot.db")}").Options);

    /// <summary>Saturday to Monday in London, with the given filters.</summary>
    public static AnalyticsFilter Weekend(
        string? channel = null, string? intent = null, string? queue = null, int? agentId = null, string? segment = null, CustomerTier? tier = null) =>
        new(ReportPeriod.Of(AnalyticsScenario.Saturday, AnalyticsScenario.Monday, London), channel, intent, queue, agentId, segment, tier);

    public Task DisposeAsync()
    {
        TestDirectories.Delete(directory);
        return Task.CompletedTask;
    }
}

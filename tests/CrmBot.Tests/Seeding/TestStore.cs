using System.Diagnostics;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using CrmBot.Core.Hosting;

namespace CrmBot.Tests.Seeding;

/// <summary>
/// A real store of its own (the suite's, see <see cref="TestDatabases"/>: a SQLite file in its own temp folder or a
/// PostgreSQL database named after it), migrated and seeded through <see cref="StoreInitializer"/> as the app does at start-up.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "crmbot-tests", Guid.NewGuid().ToString("N"));

    private TestStore(DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        Clock = new FakeTimeProvider(now);
        Seeder = new DemoDataSeeder(Clock);
    }

    public FakeTimeProvider Clock { get; }
    public DemoDataSeeder Seeder { get; }
    public KnowledgeSearch Knowledge { get; } = new();
    public SeedSummary Summary { get; private set; } = null!;
    /// <summary>Wall-clock time of migration plus seeding.</summary>
    public TimeSpan InitializationTime { get; private set; }
    /// <summary>The store's own folder, usable as a data directory (models written there go with the store).</summary>
    public string DataDirectory => directory;

    public static async Task<TestStore> CreateSeededAsync(DateTimeOffset now)
    {
        var store = new TestStore(now);
        await using var db = store.Open();
        var stopwatch = Stopwatch.StartNew();
        store.Summary = await new StoreInitializer(db, store.Seeder, store.Knowledge, NullLogger<StoreInitializer>.Instance)
            .InitializeAsync(CancellationToken.None);
        store.InitializationTime = stopwatch.Elapsed;
        return store;
    }

    public CrmDbContext Open() => TestDatabases.Open(directory);

    public ValueTask DisposeAsync()
    {
        TestDirectories.Delete(directory);
        return ValueTask.CompletedTask;
    }
}

using System.Collections.Concurrent;
using System.Text;
using CrmBot.Core.Hosting;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CrmBot.Tests.Infrastructure;

/// <summary>
/// The store the suite runs on, chosen by the environment variable <c>CRMBOT_TEST_STORE</c>: <c>Sqlite</c> (default,
/// a file in each test's data directory) or <c>PostgreSql</c> (a database per data directory on one throwaway server
/// for the whole run). Every fixture asks here for its store, so a test does not care which one it has. On PostgreSQL
/// a data directory's database is named after the directory: an app started again on the same directory (a restart
/// test) finds its store again, and deleting the directory drops it. Thread-safe: fixtures of parallel collections
/// share the server.
/// </summary>
public static class TestDatabases
{
    public const string Variable = "CRMBOT_TEST_STORE";

    // One server per test run, started on first use and stopped when the test host exits. Static because xUnit 2 has
    // no assembly-wide fixture; it never changes once started.
    private static readonly Lazy<Task<PostgreSqlCluster>> SharedCluster = new(StartClusterAsync);
    private static readonly ConcurrentDictionary<DateOnly, Lazy<Task<string>>> SeededTemplates = new();
    // The databases made so far, by name: opening a store again needs no round trip to the server.
    private static readonly ConcurrentDictionary<string, string> Made = new();

    public static StoreProvider Provider { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    public static bool OnPostgreSql => Provider == StoreProvider.PostgreSql;

    /// <summary>The run's PostgreSQL server (started on first use, whichever store the suite runs on).</summary>
    public static Task<PostgreSqlCluster> ClusterAsync() => SharedCluster.Value;

    /// <summary>
    /// The settings that put an app or server on <paramref name="dataDirectory"/>'s store: none on SQLite (the file is
    /// in the data directory), <c>Storage:Provider</c> and <c>Storage:ConnectionString</c> on PostgreSQL. The database is
    /// created on first use, as a copy of the demo shop seeded for the UTC day of <paramref name="seededAt"/> (what the
    /// app would seed itself on its first start with that clock, in a fraction of the time), or empty without it.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> SettingsForAsync(string dataDirectory, DateTimeOffset? seededAt)
    {
        if (!OnPostgreSql)
        {
            return new Dictionary<string, string>();
        }
        return new Dictionary<string, string>
        {
            ["Storage:Provider"] = nameof(StoreProvider.PostgreSql),
            ["Storage:ConnectionString"] = await ConnectionStringForAsync(dataDirectory, seededAt).ConfigureAwait(false),
        };
    }

    /// <summary><see cref="SettingsForAsync"/> for the synchronous places an app is configured in (WebApplicationFactory).</summary>
    public static IReadOnlyDictionary<string, string> SettingsFor(string dataDirectory, DateTimeOffset? seededAt) =>
        OnPostgreSql ? Task.Run(() => SettingsForAsync(dataDirectory, seededAt)).GetAwaiter().GetResult() : new Dictionary<string, string>();

    /// <summary>The PostgreSQL database of <paramref name="dataDirectory"/>, created on first use (see <see cref="SettingsForAsync"/>).</summary>
    public static async Task<string> ConnectionStringForAsync(string dataDirectory, DateTimeOffset? seededAt)
    {
        var name = DatabaseName(dataDirectory);
        if (Made.TryGetValue(name, out var made))
        {
            return made;
        }
        var cluster = await ClusterAsync().ConfigureAwait(false);
        var template = seededAt is { } at ? await SeededTemplateAsync(DateOnly.FromDateTime(at.UtcDateTime)).ConfigureAwait(false) : null;
        await cluster.EnsureDatabaseAsync(name, template).ConfigureAwait(false);
        return Made[name] = cluster.ConnectionString(name);
    }

    /// <summary>
    /// A new context on <paramref name="dataDirectory"/>'s store, for a test that reads or writes it directly: its
    /// SQLite file, or its PostgreSQL database (created empty if no app has made it yet).
    /// </summary>
    public static CrmDbContext Open(string dataDirectory)
    {
        if (!OnPostgreSql)
        {
            return new CrmDbContext(new DbContextOptionsBuilder<CrmDbContext>()
                .UseSqlite($"Data Source={Path.Combine(dataDirectory, "crmbot.db")};Default Timeout=30").Options);
        }
        var connectionString = Task.Run(() => ConnectionStringForAsync(dataDirectory, seededAt: null)).GetAwaiter().GetResult();
        return new PostgreSqlCrmDbContext(new DbContextOptionsBuilder<PostgreSqlCrmDbContext>().UseNpgsql(connectionString).Options);
    }

    /// <summary>Drops <paramref name="dataDirectory"/>'s PostgreSQL database, if the run is on PostgreSQL and it was made.</summary>
    public static void Drop(string dataDirectory)
    {
        if (!OnPostgreSql || !Made.TryRemove(DatabaseName(dataDirectory), out _))
        {
            return;
        }
        Task.Run(async () =>
        {
            var cluster = await ClusterAsync().ConfigureAwait(false);
            await cluster.DropDatabaseAsync(DatabaseName(dataDirectory)).ConfigureAwait(false);
        }).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The database name for a data directory: its folder name (a prefix and a GUID in every fixture) in PostgreSQL's
    /// plain identifier characters, short enough to leave room for a snapshot's suffix within the 63-byte limit.
    /// </summary>
    public static string DatabaseName(string dataDirectory)
    {
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory)));
        var name = new StringBuilder("t_");
        foreach (var c in folder.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }
        return name.Length <= 48 ? name.ToString() : name.ToString(0, 16) + name.ToString(name.Length - 32, 32);
    }

    private static StoreProvider Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? StoreProvider.Sqlite
        : Enum.TryParse<StoreProvider>(value, ignoreCase: true, out var provider) ? provider
        : throw new InvalidOperationException($"{Variable}={value}: use {StoreProvider.Sqlite} or {StoreProvider.PostgreSql}.");

    private static async Task<PostgreSqlCluster> StartClusterAsync()
    {
        var cluster = await Task.Run(PostgreSqlCluster.StartAsync).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster;
    }

    /// <summary>The template database holding the migrated demo shop as seeded on <paramref name="day"/>, made once per day.</summary>
    private static Task<string> SeededTemplateAsync(DateOnly day) =>
        SeededTemplates.GetOrAdd(day, d => new Lazy<Task<string>>(() => Task.Run(() => CreateSeededTemplateAsync(d)))).Value;

    private static async Task<string> CreateSeededTemplateAsync(DateOnly day)
    {
        var cluster = await ClusterAsync().ConfigureAwait(false);
        var name = $"seeded_{day:yyyyMMdd}";
        await cluster.EnsureDatabaseAsync(name).ConfigureAwait(false);
        var connectionString = cluster.ConnectionString(name);
        var seeder = new DemoDataSeeder(new FakeTimeProvider(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        await using (var db = new PostgreSqlCrmDbContext(new DbContextOptionsBuilder<PostgreSqlCrmDbContext>().UseNpgsql(connectionString).Options))
        {
            await new StoreInitializer(db, seeder, new KnowledgeSearch(), NullLogger<StoreInitializer>.Instance).InitializeAsync(default).ConfigureAwait(false);
        }
        // A template must have no session on it while it is copied.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        return name;
    }
}

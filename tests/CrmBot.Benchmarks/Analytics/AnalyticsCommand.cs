using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CrmBot.Core.Analytics;
using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CrmBot.Core.Turns;

namespace CrmBot.Benchmarks.Analytics;

/// <summary>
/// `analytics`: builds a store of 100,000 conversations and 1,000,000 interactions (or reuses one with --store), then
/// times every supervisor analytics query over the last 30 and 90 days, without and with filters, and prints the
/// median of several runs. The store is migrated as the app migrates it, so the app's indexes are what is measured.
/// </summary>
internal static class AnalyticsCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        int conversations = Option(args, "--conversations", 100_000);
        int days = Option(args, "--days", 120);
        int runs = Option(args, "--runs", 5);
        var store = Text(args, "--store");
        bool json = args.Contains("--json");
        var directory = store is null ? Path.Combine(Path.GetTempPath(), "crmbot-analytics-bench-" + Guid.NewGuid().ToString("N")) : Path.GetFullPath(store);
        var file = Path.Combine(directory, "crmbot.db");
        try
        {
            Directory.CreateDirectory(directory);
            var options = new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={file};Default Timeout=60").Options;
            var now = DateTimeOffset.UtcNow;
            await using (var db = new CrmDbContext(options))
            {
                var clock = Stopwatch.StartNew();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                await db.Database.MigrateAsync();
                var migrated = clock.Elapsed;
                if (!await db.Conversations.AnyAsync())
                {
                    await new HistoryGenerator(conversations, days, now).WriteAsync(db, CancellationToken.None);
                    Console.WriteLine($"Generated {conversations:N0} conversations over {days} days in {clock.Elapsed - migrated:mm\\:ss}");
                }
                else
                {
                    now = await db.Conversations.MaxAsync(c => c.StartedAt);
                    Console.WriteLine($"Reusing {file} (migrated in {migrated.TotalSeconds:0.0} s)");
                }
                await CheckAsync(db);
            }
            SqliteConnection.ClearAllPools();

            var timings = await TimeAsync(options, now, runs);
            Print(timings, runs, new FileInfo(file).Length);
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(timings.Select(t => new { query = t.Query, scope = t.Scope, median_ms = Math.Round(t.MedianMs, 1), first_ms = Math.Round(t.FirstMs, 1) })));
            }
            return timings.Any(t => t.MedianMs > 1000) ? 1 : 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (store is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task CheckAsync(CrmDbContext db)
    {
        int total = await db.Conversations.CountAsync();
        int interactions = await db.Interactions.CountAsync(i => i.Conversation!.Channel != "");
        int escalations = await db.Escalations.CountAsync();
        Console.WriteLine($"Store: {total:N0} conversations, {interactions:N0} interactions (joined to their conversations), {escalations:N0} escalations");
        var any = await db.Conversations.AsNoTracking().OrderBy(c => c.ChannelConversationId).FirstAsync();
        if (await db.Conversations.FindAsync(any.Id) is null)
        {
            throw new InvalidOperationException("A generated conversation cannot be found by its id: the loader wrote ids EF does not read back.");
        }
    }

    private sealed record Timing(string Query, string Scope, double MedianMs, double FirstMs);

    private static async Task<List<Timing>> TimeAsync(DbContextOptions<CrmDbContext> options, DateTimeOffset now, int runs)
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var settings = Options.Create(new AnalyticsOptions());
        var reader = new AnalyticsFilterReader(settings, Options.Create(new ConversationOptions()), Options.Create(new EscalationOptions()), TimeProvider.System);
        var sentiment = new SentimentAnalytics();
        var escalations = new EscalationAnalytics();
        var traffic = new TrafficAnalytics();
        var negative = new NegativeIntentAnalytics(settings);
        var workload = new AgentWorkloadAnalytics();
        var ct = CancellationToken.None;

        AnalyticsFilter Last(int days) => new(ReportPeriod.LastDays(days, now, london));
        var scopes = new (string Name, AnalyticsFilter Filter)[]
        {
            ("30 days", Last(30)),
            ("90 days", Last(90)),
            ("90 days, channel", Last(90) with { Channel = "msteams" }),
            ("90 days, intent", Last(90) with { Intent = "track_order" }),
            ("90 days, queue", Last(90) with { Queue = "billing" }),
            ("90 days, agent", Last(90) with { AgentId = 3 }),
            ("90 days, segment", Last(90) with { Segment = "loyal" }),
        };
        var queries = new (string Name, Func<CrmDbContext, AnalyticsFilter, Task> Run, bool Hourly)[]
        {
            ("sentiment over time, daily", (db, f) => sentiment.OverTimeAsync(db, f, TimeGranularity.Day, ct), false),
            ("sentiment over time, hourly", (db, f) => sentiment.OverTimeAsync(db, f, TimeGranularity.Hour, ct), true),
            ("sentiment per intent", (db, f) => sentiment.ByIntentAsync(db, f, ct), false),
            ("escalation rate and reasons", (db, f) => escalations.EscalationsAsync(db, f, ct), false),
            ("containment", (db, f) => escalations.ContainmentAsync(db, f, ct), false),
            ("CSAT", (db, f) => escalations.CsatAsync(db, f, ct), false),
            ("wait and handle times", (db, f) => escalations.HandlingTimesAsync(db, f, ct), false),
            ("busiest hours", (db, f) => traffic.BusiestHoursAsync(db, f, ct), false),
            ("top negative intents and phrases", (db, f) => negative.TopAsync(db, f, 5, ct), false),
            ("agent workload", (db, f) => workload.WorkloadAsync(db, f, ct), false),
        };

        var timings = new List<Timing>();
        foreach (var (scopeName, filter) in scopes)
        {
            foreach (var (name, run, hourly) in queries)
            {
                if (hourly && filter.Period.Days > new AnalyticsOptions().MaxHourlyRangeDays)
                {
                    continue;
                }
                timings.Add(await MeasureAsync(name, scopeName, options, db => run(db, filter), runs));
            }
        }
        timings.Add(await MeasureAsync("filter values (page load)", "all", options, db => reader.ValuesAsync(db, ct), runs));
        timings.Add(await MeasureAsync("filter check (intent, agent)", "all", options,
            db => reader.ReadAsync(db, new AnalyticsQuery(Intent: "track_order", Agent: "3", Channel: "msteams"), ct), runs));
        return timings;
    }

    // A fresh context per run, as a request gets; the first run is reported apart (it warms SQLite's page cache).
    private static async Task<Timing> MeasureAsync(string query, string scope, DbContextOptions<CrmDbContext> options, Func<CrmDbContext, Task> run, int runs)
    {
        var samples = new List<double>();
        for (int i = 0; i <= runs; i++)
        {
            await using var db = new CrmDbContext(options);
            var clock = Stopwatch.StartNew();
            await run(db);
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        var first = samples[0];
        var rest = samples.Skip(1).Order().ToList();
        var timing = new Timing(query, scope, rest[rest.Count / 2], first);
        Console.Error.WriteLine($"  {scope,-18} {query,-34} {timing.MedianMs,8:0.0} ms (first {timing.FirstMs:0.0})");
        return timing;
    }

    private static void Print(List<Timing> timings, int runs, long bytes)
    {
        var scopes = timings.Select(t => t.Scope).Distinct().ToList();
        Console.WriteLine();
        Console.WriteLine($"Median of {runs} runs (after one warm-up), ms; store file {bytes / 1024 / 1024:N0} MB");
        Console.WriteLine("| query | " + string.Join(" | ", scopes) + " |");
        Console.WriteLine("| --- |" + string.Concat(scopes.Select(_ => " ---: |")));
        foreach (var query in timings.Select(t => t.Query).Distinct())
        {
            Console.WriteLine($"| {query} | " + string.Join(" | ", scopes.Select(s =>
                timings.FirstOrDefault(t => t.Query == query && t.Scope == s) is { } t ? t.MedianMs.ToString("N0", CultureInfo.InvariantCulture) : "–")) + " |");
        }
        // The page asks for daily sentiment, not hourly, when it opens.
        Console.WriteLine("| whole page, one query after another | " + string.Join(" | ", scopes.Select(s => s == "all" ? "" :
            timings.Where(t => t.Scope == s && !t.Query.EndsWith("hourly", StringComparison.Ordinal)).Sum(t => t.MedianMs).ToString("N0", CultureInfo.InvariantCulture))) + " |");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static string? Text(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}

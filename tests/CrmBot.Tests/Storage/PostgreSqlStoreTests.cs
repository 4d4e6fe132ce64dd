using CrmBot.BotFramework.DirectLine;
using CrmBot.Core.Analytics;
using CrmBot.Core.DirectLine;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Engine;
using CrmBot.Core.Inbox;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using CrmBot.Tests.Review;
using CrmBot.Tests.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBot.Tests.Storage;

/// <summary>The run's throwaway PostgreSQL server (<see cref="TestDatabases"/>), whichever store the suite runs on.</summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private PostgreSqlCluster? cluster;

    public PostgreSqlCluster Cluster => cluster ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => cluster = await TestDatabases.ClusterAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The app on PostgreSQL (<c>Storage:Provider=PostgreSql</c>): its own migrations, the demo seeder, a turn through the
/// engine, and transcript search answering as it does on SQLite over the same seeded week.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PostgreSqlStoreTests(CrmBotAppFixture trained, PostgreSqlServer server, HistoryApps apps)
    : IClassFixture<PostgreSqlServer>, IClassFixture<HistoryApps>
{
    private HandoffApp? postgreSqlWeek;
    private HandoffApp? sqliteWeek;

    [Fact]
    public async Task Migrations_build_the_whole_model_on_an_empty_PostgreSQL_database()
    {
        await using var db = await NewDatabaseAsync();

        await db.Database.MigrateAsync();

        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.NotEmpty(applied);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The PostgreSQL model snapshot is behind the model: add a PostgreSQL migration.");
        // The analytics' partial indexes keep their filter (an index on every message would be three times the size).
        var filtered = await db.Database.SqlQuery<string>(
            $"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = {AnalyticsIndexes.AgentMessages}").SingleAsync();
        Assert.EndsWith("WHERE ((\"Author\")::text = 'Agent'::text)", filtered);
        Assert.Equal(0, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task A_first_migration_of_an_empty_PostgreSQL_database_logs_no_error()
    {
        var errors = new ErrorLog(LogLevel.Warning);
        using var logging = LoggerFactory.Create(builder => builder.AddProvider(errors));
        var connectionString = await server.Cluster.CreateDatabaseAsync("quiet");
        await using var db = new PostgreSqlCrmDbContext(new DbContextOptionsBuilder<PostgreSqlCrmDbContext>()
            .UseNpgsql(connectionString).UseLoggerFactory(logging).Options);

        var pending = await db.Database.PendingMigrationsAsync(default);
        await db.Database.MigrateAsync();

        Assert.Equal(db.Database.GetMigrations(), pending);
        Assert.Empty(await db.Database.PendingMigrationsAsync(default));
        Assert.True(errors.Entries.Count == 0, errors.ToString());
    }

    [Fact]
    public async Task The_demo_seeder_writes_the_same_store_on_PostgreSQL_as_on_SQLite_and_reseeds_from_key_1()
    {
        var seeder = trained.Services.GetRequiredService<DemoDataSeeder>();
        await using var postgreSql = await NewDatabaseAsync();
        await postgreSql.Database.MigrateAsync();
        var directory = Path.Combine(Path.GetTempPath(), "crmbot-pg-compare-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var sqlite = new CrmDbContext(new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={Path.Combine(directory, "crmbot.db")}").Options);
            await sqlite.Database.MigrateAsync();

            var onPostgreSql = await seeder.SeedAsync(postgreSql, default);
            var onSqlite = await seeder.SeedAsync(sqlite, default);

            Assert.True(onPostgreSql.Seeded);
            Assert.Equal(onSqlite with { Elapsed = default }, onPostgreSql with { Elapsed = default });
            Assert.Equal(await FirstOrdersAsync(sqlite), await FirstOrdersAsync(postgreSql));
            Assert.Equal(1, await postgreSql.Customers.Where(c => c.Email == DemoDataSeeder.DemoCustomerEmail).Select(c => c.Id).SingleAsync());

            await seeder.ResetAsync(postgreSql, default);

            Assert.Equal(1, await postgreSql.Customers.Where(c => c.Email == DemoDataSeeder.DemoCustomerEmail).Select(c => c.Id).SingleAsync());
            Assert.Equal(onPostgreSql.Orders, await postgreSql.Orders.CountAsync());
        }
        finally
        {
            TestDirectories.Delete(directory);
        }
    }

    [Fact]
    public async Task The_inbox_admits_an_activity_delivered_twice_at_once_only_once_on_PostgreSQL()
    {
        var connectionString = await server.Cluster.CreateDatabaseAsync("inbox");
        await using (var setup = OpenPostgreSql(connectionString))
        {
            await setup.Database.MigrateAsync();
        }
        const int deliveries = 20;

        // No write gate on PostgreSQL: both deliveries reach the database together, and its unique key decides.
        var admitted = await Task.WhenAll(Enumerable.Range(0, deliveries).Select(async n =>
        {
            await using var first = OpenPostgreSql(connectionString);
            await using var second = OpenPostgreSql(connectionString);
            var turns = await Task.WhenAll(
                new EfActivityInbox(first, TimeProvider.System).TryAdmitAsync("test", $"race-{n}", "activity-1", "{}", default),
                new EfActivityInbox(second, TimeProvider.System).TryAdmitAsync("test", $"race-{n}", "activity-1", "{}", default));
            return turns.Count(t => t is not null);
        }));

        Assert.All(admitted, count => Assert.Equal(1, count));
        await using var db = OpenPostgreSql(connectionString);
        Assert.Equal(deliveries, await db.InboxActivities.CountAsync(a => a.ConversationId.StartsWith("race-")));
    }

    [Fact]
    public async Task A_Direct_Line_post_repeated_while_the_first_is_being_stored_is_appended_once_on_PostgreSQL()
    {
        var store = PostgreSqlWeek().Services;
        var conversations = Enumerable.Range(0, 10).Select(n => $"dl-race-{n}-{Guid.NewGuid():N}").ToList();
        foreach (var id in conversations)
        {
            await using var scope = store.CreateAsyncScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<IDirectLineStore>().TryAddConversationAsync(new StoredConversation(id, null, HistoryApps.Now), default));
        }

        var appended = await Task.WhenAll(conversations.SelectMany(id => Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = store.CreateAsyncScope();
            var append = new ActivityAppend(sequence => new StoredActivity(sequence, $"{id}|{sequence:D7}", "message", "user", HistoryApps.Now, "{}"), IdempotencyKey: "client-1");
            return (Conversation: id, Result: (await scope.ServiceProvider.GetRequiredService<IDirectLineStore>().AppendActivitiesAsync(id, [append], null, default)).Single());
        })));

        foreach (var pair in appended.GroupBy(a => a.Conversation))
        {
            Assert.Equal([false, true], pair.Select(a => a.Result.Duplicate).Order());
            Assert.Single(pair.Select(a => a.Result.Activity.ActivityId).Distinct());
        }
        await using var check = store.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<CrmDbContext>();
        Assert.Equal(conversations.Count, await db.DirectLineActivities.CountAsync(a => conversations.Contains(a.ConversationId)));
    }

    [Fact]
    public async Task A_turn_through_the_engine_is_stored_on_PostgreSQL()
    {
        // An app of its own: its conversation would change what the transcript search test finds.
        var connectionString = await server.Cluster.CreateDatabaseAsync("turn");
        var app = new HandoffApp(HandoffApp.NewDataDirectory(trained), settings: new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = connectionString,
        });
        try
        {
            var chat = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), DemoDataSeeder.DemoCustomerEmail);

            var reply = await chat.ReplyToAsync("where is my order?");

            Assert.NotEmpty(reply);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            Assert.IsType<PostgreSqlCrmDbContext>(db);
            var stored = await db.Interactions.Where(i => i.ConversationId == chat.StoredConversationId).OrderBy(i => i.Id).ToListAsync();
            Assert.Equal("where is my order?", stored[0].Text);
            Assert.Equal(InteractionDirection.Inbound, stored[0].Direction);
            Assert.Contains(stored, i => i.Direction == InteractionDirection.Outbound);
            var conversation = await db.Conversations.SingleAsync(c => c.Id == chat.StoredConversationId);
            Assert.Equal(1, conversation.CustomerId);
        }
        finally
        {
            await app.DisposeAsync();
            TestDirectories.Delete(app.DataDirectory);
        }
    }

    [Fact]
    public async Task Transcript_search_finds_the_same_conversations_on_PostgreSQL_as_on_SQLite_ignoring_case()
    {
        var queries = new[] { "text=REFUND", "text=Refund", "text=" + Uri.EscapeDataString("%"), "customer=MORGAN", "escalated=true", "intent=track_order&sentimentMax=-0.3" };
        using var onSqlite = await ReviewBrowser.SignInAsync(SqliteWeek(), StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);
        using var onPostgreSql = await ReviewBrowser.SignInAsync(PostgreSqlWeek(), StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);

        foreach (var query in queries)
        {
            var expected = await onSqlite.GetJsonAsync("/api/review/conversations?pageSize=100&" + query);
            var actual = await onPostgreSql.GetJsonAsync("/api/review/conversations?pageSize=100&" + query);

            Assert.True((int)expected["total"]! == (int)actual["total"]!, $"{query}: SQLite {expected["total"]}, PostgreSQL {actual["total"]}");
            Assert.Equal(Summaries(expected), Summaries(actual));
        }
        var refunds = await onPostgreSql.GetJsonAsync("/api/review/conversations?pageSize=100&text=REFUND");
        Assert.InRange((int)refunds["total"]!, 1, 99);
    }

    /// <summary>What a page shows of each conversation (ids are the store's own, so not compared).</summary>
    private static List<string> Summaries(System.Text.Json.Nodes.JsonObject page) =>
        page["conversations"]!.AsArray().Select(c => $"{c!["startedAt"]} {c["customerName"]} {c["messages"]} {c["escalated"]} {c["match"]}").ToList();

    /// <summary>The first orders as text: decimals (REAL on SQLite, numeric on PostgreSQL) and times read back alike.</summary>
    private static async Task<List<string>> FirstOrdersAsync(CrmDbContext db) =>
        (await db.Orders.OrderBy(o => o.Id).Take(200).Select(o => new { o.CustomerId, o.Total, o.PlacedAt }).ToListAsync())
        .Select(o => FormattableString.Invariant($"{o.CustomerId} {o.Total:0.00} {o.PlacedAt:O}")).ToList();

    private async Task<PostgreSqlCrmDbContext> NewDatabaseAsync() => OpenPostgreSql(await server.Cluster.CreateDatabaseAsync("store"));

    private static PostgreSqlCrmDbContext OpenPostgreSql(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgreSqlCrmDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>An app on SQLite with the week of history, whichever store the suite runs on.</summary>
    private HandoffApp SqliteWeek() =>
        sqliteWeek ??= apps.Week(trained, new Dictionary<string, string> { ["Storage:Provider"] = nameof(StoreProvider.Sqlite) });

    /// <summary>The app on PostgreSQL with the same week of history as <see cref="SqliteWeek"/>.</summary>
    private HandoffApp PostgreSqlWeek()
    {
        if (postgreSqlWeek is null)
        {
            var connectionString = server.Cluster.CreateDatabaseAsync("app").GetAwaiter().GetResult();
            postgreSqlWeek = apps.Week(trained, new Dictionary<string, string>
            {
                ["Storage:Provider"] = "PostgreSql",
                ["Storage:ConnectionString"] = connectionString,
            });
        }
        return postgreSqlWeek;
    }
}

using CrmBot.Core.Knowledge;
using CrmBot.Core.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using CrmBot.Core.Storage;

namespace CrmBot.Core.Hosting;

/// <summary>
/// Makes the CRM store ready to serve: applies migrations, puts SQLite in WAL mode, seeds an empty store with demo data
/// and loads the knowledge search. Safe to run on every start: each step does nothing when already done.
/// </summary>
public sealed class StoreInitializer(CrmDbContext db, DemoDataSeeder seeder, KnowledgeSearch knowledge, ILogger<StoreInitializer> logger)
{
    private const string EnableWal = "PRAGMA journal_mode=WAL;";

    public async Task<SeedSummary> InitializeAsync(CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        if (sqlite) EnsureDatabaseDirectory();

        // One open connection for the whole start-up: migration and seeding see one consistent database.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (sqlite)
            {
                // WAL lets readers (the agent console, dashboards) run while the bot writes; the setting is stored in the file.
                // The busy timeout and synchronous level are per connection (SqliteConnectionSetup).
                await db.Database.ExecuteSqlRawAsync(EnableWal, ct);
            }

            var pending = await db.Database.PendingMigrationsAsync(ct);
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync(ct);
                logger.LogInformation("Applied {MigrationCount} migrations, latest {Migration}", pending.Count, pending[^1]);
            }
            else
            {
                logger.LogInformation("Store schema is up to date");
            }

            var summary = await seeder.SeedAsync(db, ct);
            if (summary.Seeded)
            {
                logger.LogInformation(
                    "Seeded demo data in {ElapsedMs} ms: {Customers} customers, {Products} products, {Orders} orders, {Articles} articles, {Agents} agents",
                    (long)summary.Elapsed.TotalMilliseconds, summary.Customers, summary.Products, summary.Orders, summary.Articles, summary.Agents);
            }
            else
            {
                logger.LogInformation("Store already holds {Customers} customers and {Orders} orders; demo data not seeded", summary.Customers, summary.Orders);
            }

            await knowledge.ReloadAsync(db, ct);
            logger.LogInformation("Knowledge search indexed {Articles} articles, by meaning too: {ByMeaning}", knowledge.ArticleCount, knowledge.FindsByMeaning);
            return summary;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private void EnsureDatabaseDirectory()
    {
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
    }
}

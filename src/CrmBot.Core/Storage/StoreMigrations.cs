using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CrmBot.Core.Storage;

public static class StoreMigrations
{
    private const string HistoryTable = "__EFMigrationsHistory";

    /// <summary>
    /// The migrations not yet applied to the store. On PostgreSQL the history table is created first when missing (a
    /// first start): Npgsql finds a missing history table out by querying it and catching the failure, which EF logs
    /// as an error, once here and once more in <c>MigrateAsync</c>, on every first start.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(this DatabaseFacade database, CancellationToken ct)
    {
        if (database.IsNpgsql() && !await database
                .SqlQueryRaw<bool>($"SELECT to_regclass('\"{HistoryTable}\"') IS NOT NULL AS \"Value\"")
                .SingleAsync(ct))
        {
            // CREATE TABLE IF NOT EXISTS: instances starting together on an empty database do not collide here.
            await database.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        }
        return (await database.GetPendingMigrationsAsync(ct)).ToList();
    }
}

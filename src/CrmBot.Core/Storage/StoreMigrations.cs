using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CrmBot.Core.Storage;

public static class StoreMigrations
{
    private const string HistoryTable = "__EFMigrationsHistory";

    /// <summary>
    /// The migrations not yet applied to the store. On PostgreSQL a database without the history table (a first start)
    /// has them all pending, and EF is not asked: Npgsql finds a missing history table out by running the query and
    /// catching its failure, which EF logs as two errors on every first start.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(this DatabaseFacade database, CancellationToken ct)
    {
        if (database.IsNpgsql() && !await database
                .SqlQueryRaw<bool>($"SELECT to_regclass('\"{HistoryTable}\"') IS NOT NULL AS \"Value\"")
                .SingleAsync(ct))
        {
            return database.GetMigrations().ToList();
        }
        return (await database.GetPendingMigrationsAsync(ct)).ToList();
    }
}

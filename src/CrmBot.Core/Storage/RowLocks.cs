using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Storage;

/// <summary>
/// Row locks for read-modify-write sequences inside a <see cref="CrmDbContext.BeginWriteAsync"/> transaction. On
/// PostgreSQL, writers run side by side, so a sequence that reads a row, decides and writes takes the row's lock first
/// (<c>FOR UPDATE</c>: other writers of the row wait until commit, then read what was committed). On SQLite the write
/// transaction already holds the store's one write gate, so there is nothing more to take.
/// </summary>
public static class RowLocks
{
    /// <summary>Locks the rows of <paramref name="table"/> with these integer keys, in key order (two writers locking overlapping sets cannot deadlock).</summary>
    public static async Task LockRowsAsync(this CrmDbContext db, string table, IEnumerable<int> ids, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            return;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A row lock lasts until the transaction ends: take it inside BeginWriteAsync.");
        }
        var keys = ids.Distinct().Order().ToArray();
        if (keys.Length == 0)
        {
            return;
        }
        // The table name is one of the model's own (a constant of the caller), never input.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync(
            $"SELECT 1 FROM \"{table}\" WHERE \"Id\" = ANY({{0}}) ORDER BY \"Id\" FOR UPDATE", [keys], ct);
#pragma warning restore EF1002
    }
}

using Microsoft.Data.Sqlite;

namespace CrmBot.Core.Storage;

/// <summary>A snapshot of the SQLite store in a file of its own, taken and restored with SQLite's online backup.</summary>
internal sealed class SqliteStoreSnapshot(string databaseFile, string snapshotFile) : StoreSnapshot
{
    public override async Task TakeAsync(CancellationToken ct)
    {
        await using var live = await OpenAsync(databaseFile, ct);
        await using var copy = await OpenAsync(snapshotFile, ct);
        live.BackupDatabase(copy);
    }

    public override async Task RestoreAsync(CancellationToken ct)
    {
        await using var copy = await OpenAsync(snapshotFile, ct);
        await using var live = await OpenAsync(databaseFile, ct);
        copy.BackupDatabase(live);
    }

    private static async Task<SqliteConnection> OpenAsync(string file, CancellationToken ct)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        return connection;
    }
}

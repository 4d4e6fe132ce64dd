using Microsoft.Data.Sqlite;

namespace CrmBot.Core.Storage;

/// <summary>
/// A copy of the SQLite store taken with SQLite's online backup, to put the live store back to exactly that state later
/// (evaluation runs start every scripted conversation from the same seeded data). Only call <see cref="RestoreAsync"/>
/// while no turn is running.
/// </summary>
public sealed class StoreSnapshot(string databaseFile, string snapshotFile)
{
    public async Task TakeAsync(CancellationToken ct)
    {
        await using var live = await OpenAsync(databaseFile, ct);
        await using var copy = await OpenAsync(snapshotFile, ct);
        live.BackupDatabase(copy);
    }

    public async Task RestoreAsync(CancellationToken ct)
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

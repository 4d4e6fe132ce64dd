using Npgsql;

namespace CrmBot.Core.Storage;

/// <summary>
/// A snapshot of the PostgreSQL store as a database of its own on the same server, made with
/// <c>CREATE DATABASE … TEMPLATE</c> (a file copy on the server, much faster than copying rows). A template must have no
/// session on it while it is copied, so the store's pooled connections are closed first and any still open are ended;
/// the live store's next query opens a new one. Needs a role allowed to create and drop databases.
/// </summary>
internal sealed class PostgreSqlStoreSnapshot : StoreSnapshot
{
    private const string ObjectInUse = "55006";
    private const int Attempts = 5;

    private readonly string liveConnectionString;
    private readonly string adminConnectionString;
    private readonly string live;
    private readonly string snapshot;

    public PostgreSqlStoreSnapshot(string connectionString, string name)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        liveConnectionString = connectionString;
        live = builder.Database ?? throw new InvalidOperationException("Storage:ConnectionString names no database.");
        snapshot = $"{live}_{name}";
        // The server's maintenance database: a database cannot be dropped or copied from a session on it.
        adminConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
    }

    public override async Task TakeAsync(CancellationToken ct)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(snapshot)}", ct);
        await CopyAsync(live, snapshot, ct);
    }

    public override async Task RestoreAsync(CancellationToken ct)
    {
        // Copied under another name first, so the live name is missing only between the drop and the rename.
        var restoring = $"{live}_restoring";
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(restoring)}", ct);
        await CopyAsync(snapshot, restoring, ct);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(liveConnectionString));
        await ExecuteAsync($"DROP DATABASE {Quote(live)} WITH (FORCE)", ct);
        await ExecuteAsync($"ALTER DATABASE {Quote(restoring)} RENAME TO {Quote(live)}", ct);
    }

    private async Task CopyAsync(string from, string to, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(liveConnectionString));
            await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{from.Replace("'", "''")}' AND pid <> pg_backend_pid()", ct);
            try
            {
                await ExecuteAsync($"CREATE DATABASE {Quote(to)} TEMPLATE {Quote(from)}", ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == ObjectInUse && attempt < Attempts)
            {
                // A background job of the app connected again in between; end it again.
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}

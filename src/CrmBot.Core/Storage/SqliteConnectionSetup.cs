using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CrmBot.Core.Storage;

/// <summary>
/// Per-connection SQLite settings (they are not stored in the file): SQLite's own busy handler, which waits in short
/// steps, instead of the provider's 150 ms sleeps; and the synchronous level of <see cref="StorageOptions.SqliteSynchronous"/>.
/// Applied once per physical connection: Microsoft.Data.Sqlite pools them, and a pooled connection keeps its settings.
/// </summary>
public sealed class SqliteConnectionSetup(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly string pragmas = $"PRAGMA busy_timeout=5000; PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()};";
    private readonly ConditionalWeakTable<object, object> configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = Command(connection);
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = Command(connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>True the first time this physical connection (its native handle) is seen.</summary>
    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || configured.TryAdd(handle, handle);

    private DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = pragmas;
        return command;
    }
}

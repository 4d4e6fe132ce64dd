using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Storage;

/// <summary>
/// A copy of the whole store, to put the live store back to exactly that state later (evaluation runs and tests start
/// every scripted conversation from the same seeded data). Only call <see cref="RestoreAsync"/> while no turn is running.
/// </summary>
public abstract class StoreSnapshot
{
    /// <summary>Copies the live store into the snapshot, replacing an earlier one of the same name.</summary>
    public abstract Task TakeAsync(CancellationToken ct);

    /// <summary>Puts the live store back to the snapshot's state.</summary>
    public abstract Task RestoreAsync(CancellationToken ct);

    /// <summary>
    /// The snapshot called <paramref name="name"/> of the app's store: a SQLite file beside the live one
    /// (<c>{name}.db</c> in the data directory), or a PostgreSQL database beside the live one (<c>{database}_{name}</c>).
    /// </summary>
    public static StoreSnapshot Of(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (options.Provider == StoreProvider.PostgreSql)
        {
            return new PostgreSqlStoreSnapshot(options.ConnectionString!, name);
        }
        var paths = services.GetRequiredService<CrmBotPaths>();
        return new SqliteStoreSnapshot(paths.DatabaseFile, Path.Combine(paths.DataDirectory, name + ".db"));
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CrmBot.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for tests: a new cluster in a temp folder (Debian's postgresql binaries, trust
/// authentication, listening on 127.0.0.1 on a free port), databases created on demand, stopped and deleted at the end.
/// PostgreSQL refuses to run as root, so under root (this machine's and CI's test user) the server runs as the
/// package's unprivileged <c>postgres</c> user through <c>setpriv</c>.
/// </summary>
public sealed class PostgreSqlCluster : IAsyncDisposable
{
    /// <summary>Where Debian's postgresql package keeps initdb and pg_ctl (off PATH).</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private const string ServerUser = "postgres";
    private const string FolderPrefix = "crmbot-pg-";

    private readonly string directory;
    private readonly int port;
    private readonly SemaphoreSlim creating = new(1, 1);
    private int databases;

    private PostgreSqlCluster(string directory, int port)
    {
        this.directory = directory;
        this.port = port;
    }

    /// <summary>A connection string to the server's maintenance database, as its superuser.</summary>
    private string AdminConnectionString => ConnectionString("postgres");

    public static async Task<PostgreSqlCluster> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need Debian's postgresql 15 binaries in {BinDirectory}: apt-get install postgresql (.ci/run installs it).");
        }
        DeleteAbandonedClusters();
        // Not created here: initdb creates it, owned by the user the server runs as.
        var directory = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N"));
        var cluster = new PostgreSqlCluster(directory, FreePort());
        try
        {
            await cluster.RunAsync("initdb", "-D", directory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
            // fsync off: a test cluster is thrown away, and flushing every commit would only slow the suite down.
            await cluster.RunAsync("pg_ctl", "-D", directory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o",
                $"-p {cluster.port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400", "start");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database on the server and returns the connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref databases)}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    /// <summary>
    /// Creates database <paramref name="name"/> unless it exists, empty or as a copy of <paramref name="template"/>
    /// (a file copy on the server: a seeded store in a fraction of a second). Returns whether it created it.
    /// </summary>
    public async Task<bool> EnsureDatabaseAsync(string name, string? template = null)
    {
        // CREATE DATABASE ... TEMPLATE fails while another session uses the template; one creation at a time.
        await creating.WaitAsync().ConfigureAwait(false);
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync().ConfigureAwait(false) is not null)
            {
                return false;
            }
            await using var create = new NpgsqlCommand(
                template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
            return true;
        }
        finally
        {
            creating.Release();
        }
    }

    /// <summary>Drops a database and its snapshots (<c>{name}_…</c>, see StoreSnapshot), ending the sessions still on them.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(name)));
        var names = new List<string>();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var query = new NpgsqlCommand(@"SELECT datname FROM pg_database WHERE datname = @name OR datname LIKE @prefix", connection);
            query.Parameters.AddWithValue("name", name);
            query.Parameters.AddWithValue("prefix", name.Replace("_", "\\_") + "\\_%");
            await using var reader = await query.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                names.Add(reader.GetString(0));
            }
        }
        foreach (var database in names)
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)").ConfigureAwait(false);
        }
    }

    /// <summary>A connection string to database <paramref name="database"/> of this server, as its superuser.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = "postgres",
        Database = database,
        Pooling = true,
    }.ConnectionString;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(directory, "postmaster.pid")))
        {
            try
            {
                await RunAsync("pg_ctl", "-D", directory, "-m", "immediate", "-w", "stop");
            }
            catch (InvalidOperationException)
            {
                // Deleting the folder below still frees the disk; the server process exits when the test host does.
            }
        }
        TestDirectories.Delete(directory);
    }

    private async Task RunAsync(string tool, params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "setpriv" : Path.Combine(BinDirectory, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The server's user may not be allowed into the test's working directory.
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asRoot)
        {
            foreach (var argument in new[] { $"--reuid={ServerUser}", $"--regid={ServerUser}", "--init-groups", "--", Path.Combine(BinDirectory, tool) })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(directory, "server.log");
            throw new InvalidOperationException(
                $"{tool} failed ({process.ExitCode}): {await output}{await errors}{(File.Exists(log) ? File.ReadAllText(log) : "")}");
        }
    }

    /// <summary>
    /// Deletes the folders of earlier runs' clusters that were stopped but not deleted (the test host can be ended
    /// before its exit handler finishes deleting a few hundred megabytes). A folder without a running server's
    /// <c>postmaster.pid</c> and untouched for ten minutes is abandoned; a cluster starting now is neither.
    /// </summary>
    private static void DeleteAbandonedClusters()
    {
        foreach (var folder in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(FolderPrefix + "*"))
        {
            try
            {
                if (!File.Exists(Path.Combine(folder.FullName, "postmaster.pid")) && folder.LastWriteTimeUtc < DateTime.UtcNow.AddMinutes(-10))
                {
                    TestDirectories.Delete(folder.FullName);
                }
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's cluster.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

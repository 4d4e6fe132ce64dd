using Microsoft.Data.Sqlite;

namespace CrmBot.Tests.Infrastructure;

/// <summary>The temporary data directories of test apps, servers and stores.</summary>
public static class TestDirectories
{
    /// <summary>
    /// Deletes a data directory once nothing uses it. Pooled SQLite connections keep the database file open, so they
    /// are released first; a leftover temp folder is harmless and never fails a test.
    /// </summary>
    public static void Delete(string directory)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }
}

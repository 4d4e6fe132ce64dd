using Microsoft.Data.Sqlite;

namespace CrmBot.Tests.Infrastructure;

/// <summary>The temporary data directories of test apps, servers and stores.</summary>
public static class TestDirectories
{
    /// <summary>
    /// A new temporary data directory holding the models the shared fixture trained, so an app or server started on it
    /// does not train again (the model files carry the hash of their training data and the build, so a stale copy would
    /// be retrained, not trusted).
    /// </summary>
    public static string NewWithModelsOf(CrmBotAppFixture trained, string prefix)
    {
        _ = trained.Services;
        var directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        var models = Path.Combine(directory, "models");
        Directory.CreateDirectory(models);
        foreach (var file in Directory.GetFiles(Path.Combine(trained.DataDirectory, "models")))
        {
            File.Copy(file, Path.Combine(models, Path.GetFileName(file)));
        }
        return directory;
    }

    /// <summary>
    /// Deletes a data directory, and on PostgreSQL its database, once nothing uses it. Pooled SQLite connections keep
    /// the database file open, so they are released first; a leftover temp folder is harmless and never fails a test.
    /// </summary>
    public static void Delete(string directory)
    {
        TestDatabases.Drop(directory);
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

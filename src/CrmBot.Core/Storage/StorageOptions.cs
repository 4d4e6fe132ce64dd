using System.ComponentModel.DataAnnotations;

namespace CrmBot.Core.Storage;

public enum StoreProvider { Sqlite, PostgreSql }

/// <summary>The <c>Storage</c> section of appsettings.json.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Holds the SQLite file and the trained model files; relative paths are taken from the repository root (or the app folder when published).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>Only for PostgreSQL; SQLite lives at DataDirectory/crmbot.db.</summary>
    public string? ConnectionString { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace CrmBot.Core.Storage;

public enum StoreProvider { Sqlite, PostgreSql }

/// <summary>SQLite's <c>PRAGMA synchronous</c> in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>Commits survive a crash of the process (kill -9); the last ones may be lost if the machine loses power. No disk flush per commit.</summary>
    Normal,

    /// <summary>Commits also survive a power loss: one disk flush per commit (about 2.4 ms each on the development machine).</summary>
    Full,
}

/// <summary>The <c>Storage</c> section of appsettings.json.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Holds the SQLite file and the trained model files; relative paths are taken from the repository root (or the app folder when published).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>
    /// How hard SQLite works to keep a commit through a power loss (default <see cref="SqliteSynchronous.Normal"/>:
    /// safe against a crash of the process, which the inbox needs; <see cref="SqliteSynchronous.Full"/> flushes the
    /// disk at every commit and caps the store at a few hundred writes a second).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>
    /// Days the raw channel payloads are kept (default 30): Direct Line activity logs and the inbox's finished turns
    /// are deleted after this; the CRM's own record of the conversation (Interactions, redacted) stays.
    /// </summary>
    [Range(1, 3650)]
    public int ChannelPayloadRetentionDays { get; set; } = 30;

    /// <summary>Only for PostgreSQL; SQLite lives at DataDirectory/crmbot.db.</summary>
    public string? ConnectionString { get; set; }
}

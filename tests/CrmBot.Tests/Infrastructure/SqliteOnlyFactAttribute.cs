namespace CrmBot.Tests.Infrastructure;

/// <summary>
/// A test of something only SQLite has (the write gate, the file, WAL): it runs when the suite runs on SQLite and is
/// skipped, with its reason, when <c>CRMBOT_TEST_STORE=PostgreSql</c>.
/// </summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string because)
    {
        if (TestDatabases.OnPostgreSql)
        {
            Skip = "SQLite only: " + because;
        }
    }
}

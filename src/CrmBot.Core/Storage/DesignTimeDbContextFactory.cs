// Used only by the `dotnet ef` tools. There are two migration sets, one per store; name the context. To regenerate
// after changing an entity, from the repository root (dotnet-ef 11.0.0 is the only version our registry holds; it
// drives our EF Core 10.0.x design package correctly):
//   dotnet ef migrations add <Name> --context CrmDbContext --project src/CrmBot.Core --startup-project src/CrmBot.Core -o Storage/Migrations
//   dotnet ef migrations add <Name> --context PostgreSqlCrmDbContext --project src/CrmBot.Core --startup-project src/CrmBot.Core -o Storage/Migrations/PostgreSql
// Neither needs a running database.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmBot.Core.Storage;

/// <summary>Gives the EF tools the SQLite context on a throw-away file, without starting the app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CrmDbContext>
{
    public CrmDbContext CreateDbContext(string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), "crmbot-design-time.db");
        var options = new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={file}").Options;
        return new CrmDbContext(options);
    }
}

/// <summary>Gives the EF tools the PostgreSQL context; adding a migration never connects, so the server need not exist.</summary>
public sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlCrmDbContext>
{
    public PostgreSqlCrmDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlCrmDbContext>().UseNpgsql("Host=localhost;Database=crmbot_design_time").Options;
        return new PostgreSqlCrmDbContext(options);
    }
}

// Used only by the `dotnet ef` tools. To regenerate the migrations after changing an entity, from the repository root:
//   dotnet tool install dotnet-ef --version 11.0.0 --tool-path /tmp/tools
//   /tmp/tools/dotnet-ef migrations add <Name> --project src/CrmBot.Core --startup-project src/CrmBot.Core --output-dir Storage/Migrations
// (the initial one was: ... migrations add InitialCreate ...). dotnet-ef 11.0.0 is the only version our registry holds;
// it drives our EF Core 10.0.x design package correctly. The migrations are generated for SQLite, the default provider.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmBot.Core.Storage;

/// <summary>Gives the EF tools a context on a throw-away SQLite file, without starting the app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CrmDbContext>
{
    public CrmDbContext CreateDbContext(string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), "crmbot-design-time.db");
        var options = new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={file}").Options;
        return new CrmDbContext(options);
    }
}

using System.CommandLine;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using CrmBot.Core.Hosting;

namespace CrmBot.Cli;

/// <summary>`seed`: create and fill the store with demo data; `--reset` wipes it and seeds again.</summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var reset = new Option<bool>("--reset") { Description = "Delete every row (customers, orders, conversations…) and seed the demo data again." };
        var command = new Command("seed", "Create the store and seed the demo shop if it is empty.") { reset };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = CliCommands.BuildApp();
            await using var scope = app.Services.CreateAsyncScope();
            var summary = await scope.ServiceProvider.GetRequiredService<StoreInitializer>().InitializeAsync(ct);
            if (parse.GetValue(reset))
            {
                var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
                summary = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().ResetAsync(db, ct);
            }
            Console.WriteLine($"Store {scope.ServiceProvider.GetRequiredService<CrmBotPaths>().DatabaseFile}: {summary.Customers} customers, {summary.Products} products, {summary.Orders} orders, {summary.Articles} articles, {summary.Agents} agents.");
            return 0;
        });
        return command;
    }
}

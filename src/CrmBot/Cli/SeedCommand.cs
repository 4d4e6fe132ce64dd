using System.CommandLine;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using CrmBot.Core.Hosting;
using CrmBot.Extensions;
using Microsoft.EntityFrameworkCore;
using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Conversations;
using CrmBot.Core.Products;
using CrmBot.Core.Escalations;

namespace CrmBot.Cli;

/// <summary>`seed`: create and fill the store with demo data; `--reset` wipes it and seeds again.</summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var reset = new Option<bool>("--reset") { Description = "Delete every row (customers, orders, conversations…) and seed the demo data and its conversation history again." };
        var command = new Command("seed", "Create the store and seed the demo shop, with its past conversations, if it is empty.") { reset };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = CliCommands.BuildApp();
            // Store, models (the history's messages are labelled by them) and, on an empty store, the history.
            var initializer = app.Services.GetRequiredService<AppInitializer>();
            await initializer.InitializeAsync(retrainModels: false, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            if (parse.GetValue(reset))
            {
                await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().ResetAsync(db, ct);
                await initializer.SeedHistoryAsync(db, ct);
                await initializer.RefreshProfilesAsync(db, ct);
            }
            var store = db.Database.IsSqlite()
                ? scope.ServiceProvider.GetRequiredService<CrmBotPaths>().DatabaseFile
                : $"PostgreSQL database {db.Database.GetDbConnection().Database}";
            Console.WriteLine($"Store {store}: {await db.Customers.CountAsync(ct)} customers, "
                + $"{await db.Products.CountAsync(ct)} products, {await db.Orders.CountAsync(ct)} orders, {await db.KnowledgeArticles.CountAsync(ct)} articles, "
                + $"{await db.Agents.CountAsync(ct)} agents, {await db.Conversations.CountAsync(ct)} conversations, {await db.Escalations.CountAsync(ct)} escalations.");
            return 0;
        });
        return command;
    }
}

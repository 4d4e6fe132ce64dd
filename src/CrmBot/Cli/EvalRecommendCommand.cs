using System.CommandLine;
using System.Text.Json.Nodes;
using CrmBot.Core.Products;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using CrmBot.Intelligence.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Cli;

/// <summary>
/// `eval recommend`: hit rate@10, NDCG@10 and catalogue coverage of the hand-weighted blend, the learned ranker and a
/// popularity baseline, all measured in the same run on the same time split:
/// <list type="bullet">
/// <item>the demo store, freshly seeded in a temporary folder (so the figures do not depend on what the real store
/// holds): the last <see cref="StoreTestDays"/> days are held out, every customer's orders in them being their last
/// orders; the engine and the ranker learn from everything before;</item>
/// <item>the UCI Online Retail data set: lines with a CustomerID and a positive quantity, no cancellations, products
/// only (<see cref="OnlineRetailFile"/>); trained on everything before <see cref="RetailTestFrom"/>, tested on the
/// rest (2011-10-01 to 2011-12-09). An item counts as still sold, so suggestible, if it sold in the 90 days before.</item>
/// </list>
/// In both, a customer's targets are the items they bought in the test period and never before (the recommender never
/// suggests what a customer owns), and only customers known before the split are scored.
/// </summary>
public static class EvalRecommendCommand
{
    public const int StoreTestDays = 90;
    public static readonly DateTimeOffset RetailTestFrom = new(2011, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StillSold = TimeSpan.FromDays(90);
    private static readonly RankingMethod[] Methods = [RankingMethod.Popularity, RankingMethod.Blend, RankingMethod.Ranker];

    public static Command Create()
    {
        var retail = new Option<FileInfo>("--retail")
        {
            Description = "The Online Retail CSV (gzipped).",
            DefaultValueFactory = _ => new FileInfo(DefaultRetailFile()),
        };
        var data = new Option<string>("--data")
        {
            Description = "Which data: store, retail or both.",
            DefaultValueFactory = _ => "both",
        };
        data.AcceptOnlyFromAmong("store", "retail", "both");
        var json = new Option<bool>("--json") { Description = "Also print the metrics as one JSON object on the last line." };
        var command = new Command("recommend", "Evaluate product suggestions (blend, learned ranker, popularity) on the seeded store and the Online Retail data set.") { retail, data, json };
        command.SetAction(async (parse, ct) =>
        {
            var which = parse.GetValue(data)!;
            var file = parse.GetValue(retail)!;
            if (which != "store" && !file.Exists)
            {
                Console.Error.WriteLine($"File not found: {file.FullName} (give --retail, or --data store)");
                return 2;
            }
            var result = new JsonObject();
            if (which != "retail")
            {
                result["store"] = await StoreAsync(ct);
            }
            if (which != "store")
            {
                result["retail"] = Retail(file, ct);
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(result.ToJsonString());
            }
            return 0;
        });
        return command;
    }

    private static async Task<JsonObject> StoreAsync(CancellationToken ct)
    {
        var scratch = Directory.CreateTempSubdirectory("crmbot-eval-");
        try
        {
            await using var app = CliCommands.BuildApp(new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = scratch.FullName,
                ["Logging:LogLevel:Default"] = "Warning",
            });
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            await db.Database.MigrateAsync(ct);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(db, ct);
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var purchases = await StorePurchases.AllAsync(db, ct);
            var inStock = (await db.Products.AsNoTracking().Where(p => p.InStock).Select(p => p.Id).ToListAsync(ct)).Select(StorePurchases.ItemId).ToHashSet();
            var catalogue = (await StorePurchases.CatalogueAsync(db, ct)).ToDictionary(kv => kv.Key, kv => kv.Value with { Available = inStock.Contains(kv.Key) });
            var report = RecommenderEvaluation.Run(purchases, now - TimeSpan.FromDays(StoreTestDays), now, catalogue, SuggestionModel.Settings, Methods, ct: ct);
            return Write($"store: seeded demo shop, {purchases.Count:N0} order lines; the last {StoreTestDays} days held out", report);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    private static JsonObject Retail(FileInfo file, CancellationToken ct)
    {
        var purchases = OnlineRetailFile.Read(file.FullName);
        var end = purchases.Max(p => p.At).AddSeconds(1);
        var sold = purchases.Where(p => p.At < RetailTestFrom && p.At >= RetailTestFrom - StillSold).Select(p => p.Item).ToHashSet(StringComparer.Ordinal);
        var catalogue = purchases.Where(p => p.At < RetailTestFrom).GroupBy(p => p.Item, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CatalogueItem(g.Key, g.Key, g.First().Category, g.First().Category, g.Last().Price, sold.Contains(g.Key)), StringComparer.Ordinal);
        var report = RecommenderEvaluation.Run(purchases, RetailTestFrom, end, catalogue, SuggestionModel.Settings, Methods, ct: ct);
        return Write($"retail: {file.Name}, {purchases.Count:N0} purchase lines; trained before {RetailTestFrom:yyyy-MM-dd}, tested from then to {end:yyyy-MM-dd}", report);
    }

    private static JsonObject Write(string title, RecommenderEvaluation.Report report)
    {
        Console.WriteLine(title);
        Console.WriteLine($"  {report.TestCustomers:N0} customers with new items in the test period, {report.SuggestibleItems:N0} suggestible items, {report.Took.TotalSeconds:0.0} s");
        Console.WriteLine($"  {"method",-12}{"hit rate@10",12}{"NDCG@10",10}{"coverage",10}");
        var json = new JsonObject
        {
            ["customers"] = report.TestCustomers,
            ["items"] = report.SuggestibleItems,
            ["trainPurchases"] = report.TrainPurchases,
            ["seconds"] = Math.Round(report.Took.TotalSeconds, 1),
        };
        foreach (var m in report.Metrics)
        {
            Console.WriteLine($"  {m.Name,-12}{m.HitRate,12:P1}{m.Ndcg,10:F3}{m.Coverage,10:P1}");
            json[m.Name] = new JsonObject
            {
                ["hitRateAt10"] = Math.Round(m.HitRate, 4),
                ["ndcgAt10"] = Math.Round(m.Ndcg, 4),
                ["coverage"] = Math.Round(m.Coverage, 4),
            };
        }
        var blend = report.Metrics.FirstOrDefault(m => m.Method == RankingMethod.Blend);
        var ranker = report.Metrics.FirstOrDefault(m => m.Method == RankingMethod.Ranker);
        if (blend is not null && ranker is not null)
        {
            var winner = ranker.HitRate > blend.HitRate || (ranker.HitRate == blend.HitRate && ranker.Ndcg > blend.Ndcg) ? "ranker" : "blend";
            Console.WriteLine($"  better of the two on hit rate@10: {winner}");
            json["winner"] = winner;
        }
        return json;
    }

    /// <summary>The shared data sets sit beside the repository: ../shared/datasets from its root (or from the working directory outside one).</summary>
    private static string DefaultRetailFile()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CrmBot.sln")))
        {
            root = root.Parent;
        }
        var from = root?.FullName ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(from, "..", "shared", "datasets", "online-retail", "online_retail.csv.gz"));
    }
}

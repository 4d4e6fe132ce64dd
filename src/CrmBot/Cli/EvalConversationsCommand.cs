using System.CommandLine;
using CrmBot.Core.Evaluation;
using CrmBot.Core.Storage;
using CrmBot.Extensions;

namespace CrmBot.Cli;

/// <summary>
/// `eval conversations FILE`: runs scripted whole conversations (JSONL) through the real engine on a freshly seeded
/// store in a temporary folder (the trained models are copied from the data directory), so the real store is never
/// touched, and prints resolved / escalated / wrong.
/// </summary>
public static class EvalConversationsCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "JSONL: one conversation per line (id, customer, expect, turns with match/not patterns)." };
        var json = new Option<bool>("--json") { Description = "Also print the figures as one JSON object on the last line." };
        var transcripts = new Option<bool>("--transcripts") { Description = "Print the transcript of every conversation that went wrong." };
        var command = new Command("conversations", "Run scripted customer conversations through the bot and judge them whole.") { file, json, transcripts };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"File not found: {path.FullName}");
                return 2;
            }
            IReadOnlyList<ConversationScript> scripts;
            try
            {
                scripts = ConversationScript.ReadJsonLines(path.FullName);
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            string modelsDirectory;
            await using (var real = CliCommands.BuildApp())
            {
                modelsDirectory = real.Services.GetRequiredService<CrmBotPaths>().ModelsDirectory;
            }
            var scratch = Directory.CreateTempSubdirectory("crmbot-eval-");
            try
            {
                if (Directory.Exists(modelsDirectory))
                {
                    var models = Directory.CreateDirectory(Path.Combine(scratch.FullName, "models"));
                    foreach (var model in Directory.EnumerateFiles(modelsDirectory))
                    {
                        File.Copy(model, Path.Combine(models.FullName, Path.GetFileName(model)));
                    }
                }
                await using var app = CliCommands.BuildApp(new Dictionary<string, string?>
                {
                    ["Storage:DataDirectory"] = scratch.FullName,
                    // Always a scratch SQLite store: the runs reset the store between scripts, never the configured one.
                    ["Storage:Provider"] = nameof(StoreProvider.Sqlite),
                    ["Logging:LogLevel:Default"] = "Warning",
                    // The scripts are judged on the shop alone: past conversations would only slow each reset.
                    ["DemoHistory:Days"] = "0",
                });
                await app.Services.GetRequiredService<AppInitializer>().InitializeAsync(retrainModels: false, ct);
                var snapshot = StoreSnapshot.Of(app.Services, "seeded");
                await snapshot.TakeAsync(ct);
                var evaluator = ActivatorUtilities.CreateInstance<ConversationEvaluator>(app.Services);
                var report = new ConversationEvalReport(await evaluator.RunAsync(scripts, snapshot.RestoreAsync, ct));
                Console.WriteLine($"conversations: {path.Name}");
                report.WriteText(Console.Out, parse.GetValue(transcripts));
                if (parse.GetValue(json))
                {
                    Console.WriteLine(report.ToJson());
                }
                return 0;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                scratch.Delete(recursive: true);
            }
        });
        return command;
    }
}

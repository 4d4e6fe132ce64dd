using System.CommandLine;
using CrmBot.Core.Dialogs;
using System.Text.Json.Nodes;
using CrmBot.Core.Models;
using CrmBot.Core.Review;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using CrmBot.Intelligence.Classification;
using CrmBot.Core.Escalations;
using CrmBot.Intelligence.Embeddings;
using CrmBot.Intelligence.Evaluation;
using CrmBot.Intelligence.Sentiment;
using Microsoft.Extensions.Options;

namespace CrmBot.Cli;

/// <summary>
/// `eval intents|sentiment` (and `eval conversations`, `eval recommend` in their own classes): accuracy, macro-F1, per-label precision/recall and the most confused pairs.
/// Cross-validation on our own data by default; `--train A --test B` runs the same pipeline on another data set, and
/// `--train A` alone cross-validates it; `--test B` alone scores the shipped model.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Measure a model on held-out data.");
        command.Subcommands.Add(CreateFor("intents", "the intent model (labels: intent names, out_of_scope)"));
        command.Subcommands.Add(EvalConversationsCommand.Create());
        command.Subcommands.Add(EvalRecommendCommand.Create());
        command.Subcommands.Add(EvalChurnCommand.Create());
        command.Subcommands.Add(CreateFor("sentiment", "the sentiment model (labels: negative, neutral, positive, angry; a test file without angry counts angry as negative)"));
        return command;
    }

    private static Command CreateFor(string model, string what)
    {
        var train = new Option<FileInfo?>("--train") { Description = "CSV (text,label) to train the same pipeline on: tested on --test, or cross-validated (--folds) without it." };
        var test = new Option<FileInfo?>("--test") { Description = "CSV (text,label) to test on. Alone, it scores the shipped model." };
        var folds = new Option<int>("--folds") { Description = "Folds for cross-validation on our own data.", DefaultValueFactory = _ => ModelEvaluator.DefaultFolds };
        var json = new Option<bool>("--json") { Description = "Also print the metrics as one JSON object on the last line." };
        var command = new Command(model, $"Evaluate {what}.") { train, test, folds, json };
        command.SetAction(async (parse, ct) =>
        {
            var trainFile = parse.GetValue(train);
            var testFile = parse.GetValue(test);
            foreach (var file in new[] { trainFile, testFile })
            {
                if (file is { Exists: false })
                {
                    Console.Error.WriteLine($"File not found: {file.FullName}");
                    return 2;
                }
            }
            int k = parse.GetValue(folds);
            if (k < 2)
            {
                Console.Error.WriteLine("--folds must be at least 2.");
                return 2;
            }

            await using var app = CliCommands.BuildApp();
            var embedder = app.Services.GetRequiredService<SentenceEmbedder>();
            var evaluator = model == "intents" ? ModelEvaluator.ForIntents(embedder: embedder) : ModelEvaluator.ForSentiment(embedder: embedder);
            SentimentThresholdCheck? threshold = null;
            int? reviewedExamples = null;
            EvaluationReport report;
            string source;
            try
            {
                if (trainFile is not null && testFile is null)
                {
                    var data = LabeledTextCsv.Read(trainFile.FullName);
                    source = $"{trainFile.Name} ({data.Count} examples), {k}-fold cross-validation";
                    report = await Task.Run(() => evaluator.CrossValidate(data, k, ct: ct), ct);
                }
                else if (trainFile is not null)
                {
                    source = $"trained on {trainFile.Name}, tested on {testFile!.Name}";
                    report = await Task.Run(() => evaluator.TrainAndTest(LabeledTextCsv.Read(trainFile.FullName), LabeledTextCsv.Read(testFile.FullName), ct), ct);
                }
                else if (testFile is not null)
                {
                    var store = app.Services.GetRequiredService<ModelStore>();
                    var (intents, sentiment) = await store.LoadOrTrainAsync(app.Services.GetRequiredService<DialogCatalog>(), await ReviewedAsync(app, ct), force: false, ct);
                    reviewedExamples = store.ReviewedExamplesIn(model == "intents" ? store.IntentModelFile : store.SentimentModelFile);
                    source = $"shipped model (trained with {reviewedExamples} examples corrected by reviewers), tested on {testFile.Name}";
                    ITextClassifier shipped = model == "intents" ? intents : sentiment;
                    var rows = LabeledTextCsv.Read(testFile.FullName);
                    report = ModelEvaluator.Score(shipped, rows, ct);
                    if (model == "sentiment" && rows.Any(r => r.Label == SentimentAnalyzer.Angry))
                    {
                        var options = app.Services.GetRequiredService<IOptions<EscalationOptions>>().Value;
                        threshold = SentimentThresholdCheck.Measure(sentiment, rows, options.SentimentThreshold);
                    }
                }
                else
                {
                    // Our training data is what `train` trains on: the authored examples and the reviewers' corrections.
                    var reviewed = await ReviewedAsync(app, ct);
                    var (data, added) = model == "intents"
                        ? ModelStore.WithReviewed(app.Services.GetRequiredService<DialogCatalog>().TrainingExamples(), reviewed.Intents)
                        : ModelStore.WithReviewed(app.Services.GetRequiredService<ModelStore>().SentimentExamples(), reviewed.Sentiment);
                    reviewedExamples = added;
                    source = $"our training data ({data.Count} examples, {added} of them corrected by reviewers), {k}-fold cross-validation";
                    report = await Task.Run(() => evaluator.CrossValidate(data, k, ct: ct), ct);
                }
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            Console.WriteLine($"{model}: {source}");
            report.WriteText(Console.Out);
            threshold?.WriteText(Console.Out);
            if (reviewedExamples is { } count)
            {
                Console.WriteLine($"Examples corrected by reviewers in the training data: {count}");
            }
            if (parse.GetValue(json))
            {
                var metrics = JsonNode.Parse(threshold is null ? report.ToJson() : threshold.AddTo(report.ToJson()))!.AsObject();
                if (reviewedExamples is { } used)
                {
                    metrics["reviewed_examples"] = used;
                }
                Console.WriteLine(metrics.ToJsonString());
            }
            return 0;
        });
        return command;
    }

    /// <summary>The reviewers' corrections in the store (none when the store has not been created yet).</summary>
    private static async Task<ReviewedExamples> ReviewedAsync(WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        if (db.Database.IsSqlite() && !File.Exists(app.Services.GetRequiredService<CrmBotPaths>().DatabaseFile))
        {
            return ReviewedExamples.None;
        }
        return (await db.Database.PendingMigrationsAsync(ct)).Count == 0
            ? await LabelCorrections.TrainingExamplesAsync(db, ct)
            : ReviewedExamples.None;
    }
}

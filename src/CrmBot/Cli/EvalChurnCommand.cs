using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CrmBot.Core.Profiles;
using CrmBot.Core.Storage;
using CrmBot.Extensions;
using CrmBot.Intelligence.Profiles;
using Microsoft.Extensions.Options;
using Microsoft.ML;

namespace CrmBot.Cli;

/// <summary>
/// `eval churn`: stratified k-fold cross-validation (fixed seed) of every churn classifier on (a) this store's history,
/// labelled by <see cref="ChurnDefinition"/>, and (b) IBM's Telco Customer Churn set, read from <c>../shared/datasets</c>.
/// Prints AUC, AUC of the 0/1 predictions, accuracy and F1 beside the "always no" baseline.
/// </summary>
public static class EvalChurnCommand
{
    public static Command Create()
    {
        var telco = new Option<FileInfo?>("--telco") { Description = "IBM's Telco-Customer-Churn.csv (default: ../shared/datasets/telco-churn/ beside the repository)." };
        var folds = new Option<int>("--folds") { Description = "Folds of the stratified cross-validation.", DefaultValueFactory = _ => ChurnEvaluation.DefaultFolds };
        var json = new Option<bool>("--json") { Description = "Also print the metrics as one JSON object on the last line." };
        var command = new Command("churn", "Evaluate the churn classifiers on this store's order history and on the telco churn data set.") { telco, folds, json };
        command.SetAction(async (parse, ct) =>
        {
            var k = parse.GetValue(folds);
            if (k < 2)
            {
                Console.Error.WriteLine("--folds must be at least 2.");
                return 2;
            }
            var telcoFile = parse.GetValue(telco)?.FullName
                ?? Path.Combine(CrmBotPaths.SharedDatasetsDirectory(AppContext.BaseDirectory), "telco-churn", "Telco-Customer-Churn.csv");
            if (!File.Exists(telcoFile))
            {
                Console.Error.WriteLine($"File not found: {telcoFile} (pass --telco with the path of Telco-Customer-Churn.csv).");
                return 2;
            }
            List<TelcoCustomer> telcoRows;
            try
            {
                telcoRows = TelcoCustomer.Read(telcoFile);
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            await using var app = CliCommands.BuildApp();
            await app.Services.GetRequiredService<AppInitializer>().InitializeAsync(retrainModels: false, ct);
            return await RunAsync(app.Services, telcoRows, Path.GetFileName(telcoFile), k, parse.GetValue(json), Console.Out, ct);
        });
        return command;
    }

    /// <summary>Evaluates on the store of <paramref name="services"/> (ready: migrated and seeded) and on the telco rows; 0, or 2 when the store has too little history.</summary>
    public static async Task<int> RunAsync(
        IServiceProvider services, IReadOnlyList<TelcoCustomer> telcoRows, string telcoName, int folds, bool json, TextWriter output, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<ProfileOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var definition = new ChurnDefinition(options.ChurnHorizonDays);
        List<ChurnFeatures> storeRows;
        await using (var scope = services.CreateAsyncScope())
        {
            storeRows = await definition.TrainingRowsAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), now, options.InteractionWindowDays, ct);
        }
        if (storeRows.Count < folds || storeRows.All(r => r.Label) || !storeRows.Any(r => r.Label))
        {
            Console.Error.WriteLine($"The store has too little history to evaluate churn: {storeRows.Count} customers had ordered before {definition.CutOff(now):yyyy-MM-dd}, {storeRows.Count(r => r.Label)} of them churned.");
            return 2;
        }

        var store = await Task.Run(() => Evaluate("store", $"{services.GetRequiredService<CrmBotPaths>().DatabaseFile}: churned = no order in the "
            + $"{options.ChurnHorizonDays} days after {definition.CutOff(now):yyyy-MM-dd}, features as of that day; {folds}-fold stratified CV",
            storeRows, r => r.Label, ChurnEvaluation.CustomerFeatures, folds, ct), ct);
        var telco = await Task.Run(() => Evaluate("telco", $"{telcoName}: Churn = Yes; {folds}-fold stratified CV",
            telcoRows, r => r.Label, TelcoCustomer.Featurize, folds, ct), ct);

        store.WriteText(output);
        telco.WriteText(output);
        output.WriteLine($"The profiles use {options.ChurnAlgorithm} (Profiles:ChurnAlgorithm).");
        if (json)
        {
            output.WriteLine(new JsonObject
            {
                ["folds"] = folds,
                ["seed"] = ChurnEvaluation.DefaultSeed,
                ["horizonDays"] = options.ChurnHorizonDays,
                ["configured"] = options.ChurnAlgorithm.ToString(),
                ["store"] = store.ToJson(),
                ["telco"] = telco.ToJson(),
            }.ToJsonString());
        }
        return 0;
    }
    private static ChurnEvalResult Evaluate<TRow>(
        string name, string source, IReadOnlyList<TRow> rows, Func<TRow, bool> labelOf, Func<MLContext, IEstimator<ITransformer>> featurize, int folds, CancellationToken ct)
        where TRow : class
    {
        var models = new Dictionary<ChurnAlgorithm, (BinaryMetrics, double)>();
        foreach (var algorithm in Enum.GetValues<ChurnAlgorithm>())
        {
            var watch = Stopwatch.StartNew();
            var metrics = ChurnEvaluation.CrossValidate(rows, labelOf, featurize, algorithm, folds, ct: ct);
            models[algorithm] = (metrics, watch.Elapsed.TotalSeconds);
        }
        return new ChurnEvalResult(name, source, rows.Count, rows.Count(labelOf) / (double)rows.Count, models);
    }
}

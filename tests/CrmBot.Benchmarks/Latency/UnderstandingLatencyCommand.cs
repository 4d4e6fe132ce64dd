using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CrmBot.Core.Understanding;
using CrmBot.Intelligence.Classification;

namespace CrmBot.Benchmarks.Latency;

/// <summary>
/// `latency`: understands every message of the held-out test files one at a time on one thread (intent with its
/// embedding, entities, sentiment; no cache hit, as in a live chat) and prints the latency percentiles. BenchmarkDotNet
/// gives means; the bar for understanding is a p99, which needs every sample.
/// </summary>
internal static class UnderstandingLatencyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var passes = args is ["--passes", var p, ..] && int.TryParse(p, CultureInfo.InvariantCulture, out var n) ? n : 3;
        var json = args.Contains("--json");
        var root = FindRepositoryRoot();
        var messages = new[] { "intents-outside.csv", "sentiment-outside.csv", "intents-holdout.csv" }
            .SelectMany(file => LabeledTextCsv.Read(Path.Combine(root, "tests", "data", file)))
            .Select(row => row.Text).Distinct(StringComparer.Ordinal).ToArray();

        var (app, data) = await BenchmarkApp.StartAsync();
        try
        {
            var understander = app.Services.GetRequiredService<MessageUnderstander>();
            var today = new DateOnly(2026, 11, 23);
            foreach (var message in messages.Take(50))
            {
                understander.Understand(message + " (warm-up)", today);
            }

            var samples = new List<double>(messages.Length * passes);
            for (var pass = 0; pass < passes; pass++)
            {
                foreach (var message in messages)
                {
                    // A suffix per pass keeps every message new to the process, as chat messages are.
                    var text = pass == 0 ? message : $"{message} {new string('!', pass)}";
                    var clock = Stopwatch.StartNew();
                    understander.Understand(text, today);
                    samples.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            samples.Sort();
            double At(double share) => samples[Math.Min(samples.Count - 1, (int)Math.Floor(share * samples.Count))];
            var result = new
            {
                messages = samples.Count,
                mean_ms = Math.Round(samples.Average(), 2),
                p50_ms = Math.Round(At(0.50), 2),
                p95_ms = Math.Round(At(0.95), 2),
                p99_ms = Math.Round(At(0.99), 2),
                max_ms = Math.Round(samples[^1], 2),
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"understanding one message, {result.messages} messages on one thread: mean {result.mean_ms} ms · p50 {result.p50_ms} · p95 {result.p95_ms} · p99 {result.p99_ms} · max {result.max_ms}"));
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(result));
            }
            return 0;
        }
        finally
        {
            await BenchmarkApp.StopAsync(app, data);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Run the latency benchmark from inside the repository (it reads tests/data).");
    }
}

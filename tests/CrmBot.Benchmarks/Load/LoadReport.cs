using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBot.Benchmarks.Load;

/// <summary>The figures of a load run as a Markdown table (readable in a terminal, pasted as is into the README) and as one JSON object.</summary>
internal static class LoadReport
{
    public static string Table(LoadOptions options, IReadOnlyList<BotLoadResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{results[0].ConcurrentConversations} concurrent conversations, {options.Turns} turns each, at most {options.MaxConversations} conversations or {options.Duration.TotalSeconds:0} s per bot, reply timeout {options.ReplyTimeout.TotalSeconds:0} s"));
        text.AppendLine();
        text.AppendLine("| bot | conversations done/started | turns | turns/s | p50 ms | p95 ms | p99 ms | max ms | errors | server RSS at start MB | server peak RSS MB | server CPU cores | load generator CPU cores |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var l = r.Latency;
            text.AppendLine(Invariant($"| {r.Bot} | {r.ConversationsCompleted}/{r.ConversationsStarted} | {r.TurnsCompleted} | {r.TurnsPerSecond:0.0} | {l.P50:0} | {l.P95:0} | {l.P99:0} | {l.Max:0} | {r.ErrorCount} | {Megabytes(r.StartRssMegabytes)} | {Megabytes(r.PeakRssMegabytes)} | {r.ServerCores:0.00} | {r.LoadGeneratorCores:0.00} |"));
        }
        if (Ratios(results) is (var throughput, var p95))
        {
            text.AppendLine();
            text.AppendLine(Invariant($"real/echo: throughput {throughput:0.00}x, p95 latency {p95:0.0}x"));
        }
        foreach (var r in results.Where(r => r.LoadAverage is not null))
        {
            text.AppendLine(Invariant($"load average ({r.Bot}): {r.LoadAverage!.Value.Before:0.00} before, {r.LoadAverage.Value.After:0.00} after, on {Environment.ProcessorCount} cores"));
        }
        foreach (var r in results.Where(r => r.ErrorCount > 0))
        {
            text.AppendLine(Invariant($"errors ({r.Bot}): {string.Join(", ", r.Errors.Select(e => $"{e.Key} {e.Value}"))}"));
        }
        return text.ToString();
    }

    public static string Json(LoadOptions options, IReadOnlyList<BotLoadResult> results)
    {
        var json = new JsonObject
        {
            ["conversations"] = results[0].ConcurrentConversations,
            ["turns"] = options.Turns,
            ["maxConversations"] = options.MaxConversations,
            ["durationSeconds"] = options.Duration.TotalSeconds,
            ["replyTimeoutSeconds"] = options.ReplyTimeout.TotalSeconds,
            ["processorCount"] = Environment.ProcessorCount,
        };
        foreach (var r in results)
        {
            json[r.Bot] = new JsonObject
            {
                ["conversationsStarted"] = r.ConversationsStarted,
                ["conversationsCompleted"] = r.ConversationsCompleted,
                ["turnsCompleted"] = r.TurnsCompleted,
                ["elapsedSeconds"] = Math.Round(r.Elapsed.TotalSeconds, 2),
                ["turnsPerSecond"] = Math.Round(r.TurnsPerSecond, 2),
                ["latencyMs"] = new JsonObject
                {
                    ["p50"] = Math.Round(r.Latency.P50, 1),
                    ["p95"] = Math.Round(r.Latency.P95, 1),
                    ["p99"] = Math.Round(r.Latency.P99, 1),
                    ["max"] = Math.Round(r.Latency.Max, 1),
                },
                ["errors"] = new JsonObject(r.Errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
                ["startRssMb"] = r.StartRssMegabytes is { } start ? Math.Round(start, 1) : null,
                ["peakRssMb"] = r.PeakRssMegabytes is { } peak ? Math.Round(peak, 1) : null,
                ["serverCpuCores"] = Math.Round(r.ServerCores, 2),
                ["loadGeneratorCpuCores"] = Math.Round(r.LoadGeneratorCores, 2),
                ["loadAverageBefore"] = r.LoadAverage?.Before,
                ["loadAverageAfter"] = r.LoadAverage?.After,
            };
        }
        if (Ratios(results) is (var throughput, var p95))
        {
            json["ratio"] = new JsonObject { ["throughput"] = Math.Round(throughput, 3), ["p95"] = Math.Round(p95, 3) };
        }
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>Real over echo for throughput and p95 latency, when both ran and the echo figures are not zero.</summary>
    private static (double Throughput, double P95)? Ratios(IReadOnlyList<BotLoadResult> results)
    {
        var real = results.FirstOrDefault(r => r.Bot == LoadCommand.RealBot);
        var echo = results.FirstOrDefault(r => r.Bot == LoadCommand.EchoBot);
        return real is null || echo is null || echo.TurnsPerSecond == 0 || echo.Latency.P95 == 0
            ? null
            : (real.TurnsPerSecond / echo.TurnsPerSecond, real.Latency.P95 / echo.Latency.P95);
    }

    private static string Megabytes(double? value) => value is { } mb ? mb.ToString("0", CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

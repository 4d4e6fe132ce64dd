namespace CrmBot.Benchmarks.Load;

/// <summary>Reply latencies of one run in milliseconds; all zero when nothing was recorded.</summary>
internal sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max);

namespace CrmBot.Benchmarks.Load;

/// <summary>
/// Every reply latency of a run, kept exactly (a run is at most a few hundred thousand turns), with nearest-rank
/// percentiles. Thread-safe: one lock around the list; recording is far cheaper than the turn it measures.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly Lock gate = new();
    private readonly List<double> milliseconds = [];

    public void Record(TimeSpan latency)
    {
        lock (gate)
        {
            milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    public LatencySummary Summarize()
    {
        double[] sorted;
        lock (gate)
        {
            sorted = [.. milliseconds];
        }
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="percentile"/>% of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}

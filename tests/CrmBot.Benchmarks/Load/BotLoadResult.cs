namespace CrmBot.Benchmarks.Load;

/// <summary>What one measured run against one bot produced. Memory figures are null where /proc is not available.</summary>
internal sealed record BotLoadResult(
    string Bot,
    int ConcurrentConversations,
    int ConversationsStarted,
    int ConversationsCompleted,
    int TurnsCompleted,
    TimeSpan Elapsed,
    LatencySummary Latency,
    IReadOnlyDictionary<string, int> Errors)
{
    public double TurnsPerSecond => Elapsed > TimeSpan.Zero ? TurnsCompleted / Elapsed.TotalSeconds : 0;

    public int ErrorCount => Errors.Values.Sum();

    /// <summary>The server's resident memory when the measured run began (after start-up and warm-up), in MB.</summary>
    public double? StartRssMegabytes { get; init; }

    /// <summary>The server's peak resident memory over its life up to the end of the run (VmHWM), in MB.</summary>
    public double? PeakRssMegabytes { get; init; }

    /// <summary>CPU time the server used during the run; over <see cref="Elapsed"/>, 1.0 is one core busy.</summary>
    public TimeSpan ServerCpu { get; init; }

    /// <summary>CPU time the load generator itself used during the run, on the same machine as the server.</summary>
    public TimeSpan LoadGeneratorCpu { get; init; }

    /// <summary>The machine's one-minute load average (/proc/loadavg) when the run began and ended: other work skews the figures.</summary>
    public (double Before, double After)? LoadAverage { get; init; }

    public double ServerCores => Cores(ServerCpu);

    public double LoadGeneratorCores => Cores(LoadGeneratorCpu);

    private double Cores(TimeSpan cpu) => Elapsed > TimeSpan.Zero ? cpu / Elapsed : 0;
}

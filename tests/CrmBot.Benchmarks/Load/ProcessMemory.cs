using System.Globalization;

namespace CrmBot.Benchmarks.Load;

/// <summary>
/// A process's resident memory, sampled from <c>/proc/&lt;pid&gt;/status</c> (Linux): VmRSS now and VmHWM, the kernel's
/// own record of the peak, so a spike between two samples is not missed. Elsewhere every figure is null.
/// </summary>
internal sealed class ProcessMemory : IAsyncDisposable
{
    private readonly int processId;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peakBytes;

    private ProcessMemory(int processId, TimeSpan interval, TimeProvider time)
    {
        this.processId = processId;
        this.time = time;
        sampling = SampleAsync(interval);
    }

    /// <summary>Samples every <paramref name="interval"/> until <see cref="StopAsync"/>.</summary>
    public static ProcessMemory StartSampling(int processId, TimeSpan interval, TimeProvider time) => new(processId, interval, time);

    /// <summary>Resident memory now, in bytes.</summary>
    public static long? ResidentBytes(int processId) => Read(processId).Resident;

    /// <summary>Stops sampling; returns the highest resident memory seen, in bytes.</summary>
    public async Task<long?> StopAsync()
    {
        await stop.CancelAsync();
        await sampling;
        Sample();
        return peakBytes > 0 ? peakBytes : null;
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        var (resident, peak) = Read(processId);
        peakBytes = Math.Max(peakBytes, Math.Max(resident ?? 0, peak ?? 0));
    }

    private static (long? Resident, long? Peak) Read(int processId)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{processId}/status"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or the process has exited.
            return (null, null);
        }
    }

    /// <summary>VmRSS and VmHWM from the text of <c>/proc/&lt;pid&gt;/status</c>, in bytes (the file gives kB).</summary>
    public static (long? Resident, long? Peak) Parse(string status)
    {
        long? resident = null, peak = null;
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }
        return (resident, peak);
    }

    private static long? Kilobytes(string line)
    {
        var value = line[(line.IndexOf(':') + 1)..].Trim();
        var number = value.EndsWith("kB", StringComparison.Ordinal) ? value[..^2].Trim() : value;
        return long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        stop.Dispose();
    }
}

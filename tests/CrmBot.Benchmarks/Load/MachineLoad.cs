using System.Globalization;

namespace CrmBot.Benchmarks.Load;

/// <summary>How busy the machine is apart from the run: the figures are only comparable at similar load.</summary>
internal static class MachineLoad
{
    /// <summary>The one-minute load average (Linux /proc/loadavg), or null where it is not available.</summary>
    public static double? OneMinuteAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

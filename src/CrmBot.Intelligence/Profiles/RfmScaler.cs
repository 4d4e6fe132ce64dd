namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// Puts recency, frequency and monetary value on one scale for k-means: log(1 + x), because all three are skewed
/// (a few customers have ten times the median), then standardised to mean 0 and standard deviation 1.
/// </summary>
public sealed class RfmScaler
{
    public const int Dimensions = 3;

    private readonly double[] mean = new double[Dimensions];
    private readonly double[] deviation = new double[Dimensions];

    public RfmScaler(IReadOnlyList<RfmPoint> points)
    {
        ArgumentOutOfRangeException.ThrowIfZero(points.Count);
        var logged = points.Select(Log).ToArray();
        for (var d = 0; d < Dimensions; d++)
        {
            mean[d] = logged.Average(p => p[d]);
            var variance = logged.Average(p => (p[d] - mean[d]) * (p[d] - mean[d]));
            // A constant dimension (every customer alike) carries no information; 1 keeps it at 0 instead of dividing by 0.
            deviation[d] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }
    }

    public float[] Scale(RfmPoint point)
    {
        var logged = Log(point);
        return [.. Enumerable.Range(0, Dimensions).Select(d => (float)((logged[d] - mean[d]) / deviation[d]))];
    }

    /// <summary>The recency (days), orders and net spend a scaled point stands for.</summary>
    public (double RecencyDays, double Orders, double NetSpend) Unscale(IReadOnlyList<float> scaled)
    {
        double Back(int d) => Math.Max(0, Math.Exp(scaled[d] * deviation[d] + mean[d]) - 1);
        return (Back(0), Back(1), Back(2));
    }

    private static double[] Log(RfmPoint p) =>
        [Math.Log(1 + Math.Max(0, p.RecencyDays)), Math.Log(1 + Math.Max(0, p.Orders)), Math.Log(1 + Math.Max(0, p.NetSpend))];
}

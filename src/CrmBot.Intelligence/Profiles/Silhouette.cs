namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// Mean silhouette of a clustering (Rousseeuw 1987): for each point, (b − a) / max(a, b) with a its mean distance to its
/// own cluster and b the smallest mean distance to another cluster; points alone in their cluster count 0. From −1 to 1,
/// higher is better separated. Quadratic in the points, so large sets are measured on a fixed random sample.
/// </summary>
public static class Silhouette
{
    public const int MaxPoints = 2_000;

    public static double Mean(IReadOnlyList<float[]> points, IReadOnlyList<int> clusters, int seed)
    {
        var sample = Enumerable.Range(0, points.Count).ToArray();
        if (sample.Length > MaxPoints)
        {
            new Random(seed).Shuffle(sample);
            sample = sample[..MaxPoints];
        }
        var k = sample.Max(i => clusters[i]) + 1;
        if (k < 2) return 0;
        var sizes = new int[k];
        foreach (var i in sample) sizes[clusters[i]]++;
        double total = 0;
        var sums = new double[k];
        foreach (var i in sample)
        {
            Array.Clear(sums);
            foreach (var j in sample)
            {
                if (i != j) sums[clusters[j]] += Distance(points[i], points[j]);
            }
            var own = clusters[i];
            if (sizes[own] < 2) continue;
            var a = sums[own] / (sizes[own] - 1);
            var b = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
            }
            total += b == double.MaxValue || Math.Max(a, b) == 0 ? 0 : (b - a) / Math.Max(a, b);
        }
        return total / sample.Length;
    }

    public static double Distance(float[] x, float[] y)
    {
        double sum = 0;
        for (var d = 0; d < x.Length; d++) sum += (x[d] - y[d]) * (double)(x[d] - y[d]);
        return Math.Sqrt(sum);
    }
}

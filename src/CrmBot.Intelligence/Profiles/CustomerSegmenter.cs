using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// Segments customers who ordered with ML.NET k-means on scaled RFM (<see cref="RfmScaler"/>). Every k in the range is
/// trained (the best of five k-means++ starts, one thread, fixed seeds: the same data gives the same clusters) and the one with the
/// highest mean silhouette is kept; the Davies–Bouldin index of each is reported beside it. Each cluster is then named
/// by <see cref="SegmentNaming"/> from where its centre stands among the customers.
/// </summary>
public static class CustomerSegmenter
{
    /// <summary>Fewer customers than this per cluster on average and k is lowered: tiny clusters say nothing.</summary>
    public const int MinCustomersPerCluster = 10;

    /// <summary>k-means++ starts per k.</summary>
    public const int Starts = 5;

    public static CustomerSegments Train(IReadOnlyList<RfmPoint> points, int minClusters, int maxClusters, int seed, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minClusters, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClusters, minClusters);
        if (points.Count == 0) return new CustomerSegments([], [], [], 0);

        var scaler = new RfmScaler(points);
        var scaled = points.Select(scaler.Scale).ToArray();
        var highest = Math.Min(maxClusters, points.Count / MinCustomersPerCluster);
        var candidates = new List<ClusteringCandidate>();
        (int[] Clusters, float[][] Centroids)? best = null;
        var bestSilhouette = double.MinValue;
        // One context for every fit: its seeded generator gives each start its own k-means++ draw, the same on every run.
        var context = new MLContext(seed);
        var data = context.Data.LoadFromEnumerable(scaled.Select(p => new ScaledPoint { Features = p }));
        for (var k = Math.Max(2, Math.Min(minClusters, highest)); k <= highest; k++)
        {
            ct.ThrowIfCancellationRequested();
            var (clusters, centroids) = BestOfStarts(context, data, scaled, k);
            var silhouette = Silhouette.Mean(scaled, clusters, seed);
            candidates.Add(new ClusteringCandidate(k, silhouette, DaviesBouldin(scaled, clusters, centroids)));
            // Strictly higher: on a tie the smaller k, the simpler story, stays.
            if (silhouette > bestSilhouette)
            {
                (best, bestSilhouette) = ((clusters, centroids), silhouette);
            }
        }
        // Too few customers to split: one segment, centred on their mean.
        var (assigned, centres) = best ?? (new int[points.Count], [Mean(scaled)]);
        var segments = centres.Select((centroid, c) => Describe(c, centroid, scaler, points, assigned)).ToList();
        return new CustomerSegments(segments, assigned, candidates, centres.Length);
    }

    /// <summary>
    /// k-means from <see cref="Starts"/> k-means++ starts, keeping the tightest result (least sum of squared distances to
    /// the centres): one start can settle in a poor local optimum, and then the same customers would get other segments.
    /// </summary>
    private static (int[] Clusters, float[][] Centroids) BestOfStarts(MLContext context, IDataView data, float[][] scaled, int k)
    {
        (int[], float[][])? best = null;
        var bestInertia = double.MaxValue;
        for (var start = 0; start < Starts; start++)
        {
            var model = context.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                FeatureColumnName = nameof(ScaledPoint.Features),
                NumberOfClusters = k,
                InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 1_000,
                OptimizationTolerance = 1e-7f,
            }).Fit(data);
            var clusters = model.Transform(data).GetColumn<uint>("PredictedLabel").Select(label => (int)label - 1).ToArray();
            VBuffer<float>[] buffers = [];
            model.Model.GetClusterCentroids(ref buffers, out _);
            float[][] centroids = [.. buffers.Select(c => c.DenseValues().ToArray())];
            var inertia = scaled.Select((p, i) => Math.Pow(Silhouette.Distance(p, centroids[clusters[i]]), 2)).Sum();
            if (inertia < bestInertia - 1e-9)
            {
                (best, bestInertia) = ((clusters, centroids), inertia);
            }
        }
        return best!.Value;
    }

    /// <summary>
    /// Davies–Bouldin index: the mean over clusters of the worst ratio (spread of i + spread of j) / distance between
    /// their centres, the spread being the mean distance of the members to their centre. Lower is better.
    /// </summary>
    internal static double DaviesBouldin(float[][] points, int[] clusters, float[][] centroids)
    {
        var k = centroids.Length;
        var spread = new double[k];
        var size = new int[k];
        for (var i = 0; i < points.Length; i++)
        {
            spread[clusters[i]] += Silhouette.Distance(points[i], centroids[clusters[i]]);
            size[clusters[i]]++;
        }
        var used = Enumerable.Range(0, k).Where(c => size[c] > 0).ToArray();
        foreach (var c in used) spread[c] /= size[c];
        if (used.Length < 2) return 0;
        return used.Average(i => used.Where(j => j != i).Max(j => (spread[i] + spread[j]) / Math.Max(1e-12, Silhouette.Distance(centroids[i], centroids[j]))));
    }

    private static Segment Describe(int cluster, float[] centroid, RfmScaler scaler, IReadOnlyList<RfmPoint> points, int[] assigned)
    {
        var (recency, orders, spend) = scaler.Unscale(centroid);
        var members = points.Where((_, i) => assigned[i] == cluster).ToList();
        // Order value and first-order age are not clustered on; the members' means stand for the centre there.
        var orderValue = members.Count == 0 ? 0 : members.Average(p => p.AverageOrderValue);
        var firstOrder = members.Count == 0 ? 0 : members.Average(p => p.DaysSinceFirstOrder);
        var traits = new SegmentTraits(
            Recency: 1 - Rank(points.Select(p => p.RecencyDays), recency),
            Frequency: Rank(points.Select(p => p.Orders), orders),
            Monetary: Rank(points.Select(p => p.NetSpend), spend),
            OrderValue: Rank(points.Select(p => p.AverageOrderValue), orderValue),
            FirstOrderDaysAgo: firstOrder);
        return new Segment(cluster, SegmentNaming.Name(traits), members.Count, recency, orders, spend, orderValue, firstOrder, traits);
    }

    /// <summary>The share of values below <paramref name="value"/>, ties counting half.</summary>
    internal static double Rank(IEnumerable<double> values, double value)
    {
        int below = 0, equal = 0, count = 0;
        foreach (var v in values)
        {
            count++;
            if (v < value) below++;
            else if (v == value) equal++;
        }
        return count == 0 ? 0.5 : (below + equal / 2.0) / count;
    }

    private static float[] Mean(float[][] scaled) =>
        [.. Enumerable.Range(0, RfmScaler.Dimensions).Select(d => scaled.Length == 0 ? 0f : scaled.Average(p => p[d]))];

    private sealed class ScaledPoint
    {
        [VectorType(RfmScaler.Dimensions)]
        public float[] Features { get; set; } = [];
    }
}

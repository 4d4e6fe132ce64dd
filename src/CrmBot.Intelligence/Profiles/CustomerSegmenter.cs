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
        for (var k = Math.Max(2, Math.Min(minClusters, highest)); k <= highest; k++)
        {
            ct.ThrowIfCancellationRequested();
            var (clusters, centroids, daviesBouldin) = BestOfStarts(scaled, k, seed);
            var silhouette = Silhouette.Mean(scaled, clusters, seed);
            candidates.Add(new ClusteringCandidate(k, silhouette, daviesBouldin));
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
    /// k-means from <see cref="Starts"/> k-means++ starts, keeping the tightest result (least mean squared distance to
    /// the centres): one start can settle in a poor local optimum, and then the same customers would get other segments.
    /// </summary>
    private static (int[] Clusters, float[][] Centroids, double DaviesBouldin) BestOfStarts(float[][] scaled, int k, int seed)
    {
        (int[], float[][], double)? best = null;
        var bestDistance = double.MaxValue;
        for (var start = 0; start < Starts; start++)
        {
            var (clusters, centroids, daviesBouldin, distance) = KMeans(scaled, k, seed + start);
            if (distance < bestDistance - 1e-9)
            {
                (best, bestDistance) = ((clusters, centroids, daviesBouldin), distance);
            }
        }
        return best!.Value;
    }

    private static (int[] Clusters, float[][] Centroids, double DaviesBouldin, double AverageDistance) KMeans(float[][] scaled, int k, int seed)
    {
        var context = new MLContext(seed);
        var data = context.Data.LoadFromEnumerable(scaled.Select(p => new ScaledPoint { Features = p }));
        var model = context.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(ScaledPoint.Features),
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 1_000,
            OptimizationTolerance = 1e-7f,
        }).Fit(data);
        var predictions = model.Transform(data);
        var clusters = predictions.GetColumn<uint>("PredictedLabel").Select(label => (int)label - 1).ToArray();
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out _);
        var metrics = context.Clustering.Evaluate(predictions, featureColumnName: nameof(ScaledPoint.Features));
        return (clusters, [.. centroids.Select(c => c.DenseValues().ToArray())], metrics.DaviesBouldinIndex, metrics.AverageDistance);
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
            Newness: 1 - Rank(points.Select(p => p.DaysSinceFirstOrder), firstOrder));
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

namespace CrmBot.Intelligence.Profiles;

/// <summary>One k tried: its mean silhouette (higher is better) and Davies–Bouldin index (lower is better).</summary>
public sealed record ClusteringCandidate(int Clusters, double Silhouette, double DaviesBouldin);

/// <summary>A cluster: its name, size, centre in the customers' own units, and the traits the name was chosen from.</summary>
public sealed record Segment(
    int Cluster, string Name, int Customers, double RecencyDays, double Orders, double NetSpend, double AverageOrderValue,
    double DaysSinceFirstOrder, SegmentTraits Traits);

/// <summary>The chosen clustering: the segments, each training point's cluster (input order) and every k tried.</summary>
public sealed record CustomerSegments(IReadOnlyList<Segment> Segments, IReadOnlyList<int> Assignments, IReadOnlyList<ClusteringCandidate> Candidates, int Clusters)
{
    public string NameOf(int point) => Segments[Assignments[point]].Name;
}

using CrmBot.Intelligence.Profiles;

namespace CrmBot.Core.Profiles;

/// <summary>
/// What the last profiling computed, kept as <c>data/models/profiles.json</c>: the fingerprint of the data and settings it
/// ran on (start-up recomputes when it differs), the clusterings tried and the segments chosen, the churn model, and
/// how many customers ended up in each segment and churn level.
/// </summary>
public sealed record ProfileReport(
    string Fingerprint,
    DateTimeOffset ComputedAt,
    double Seconds,
    int Customers,
    int CustomersWithOrders,
    int Clusters,
    IReadOnlyList<ClusteringCandidate> Candidates,
    IReadOnlyList<Segment> Segments,
    ChurnModelReport? Churn,
    IReadOnlyDictionary<string, int> CustomersPerSegment,
    IReadOnlyDictionary<string, int> CustomersPerChurnLevel);

/// <summary>The churn model of a profiling: how it was trained, on what, and the risk it gave customers on average.</summary>
public sealed record ChurnModelReport(
    ChurnAlgorithm Algorithm, int HorizonDays, DateTimeOffset CutOff, int TrainingRows, double ChurnedShare, double MeanRisk);

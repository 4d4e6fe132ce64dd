namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// Where a cluster's centre stands among all customers who ordered, each as a percentile rank in [0, 1] oriented so that
/// higher reads as "more": <see cref="Recency"/> 0.9 means more recent than 90 % of customers. <see cref="FirstOrderDaysAgo"/>
/// is in days, not a rank: how new a customer is does not depend on how old the others are.
/// </summary>
public sealed record SegmentTraits(double Recency, double Frequency, double Monetary, double OrderValue, double FirstOrderDaysAgo);

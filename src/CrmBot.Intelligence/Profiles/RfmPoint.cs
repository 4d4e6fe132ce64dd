namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// A customer who has ordered, for segmentation: recency, frequency and monetary value (clustered), and two traits
/// that only help name the clusters (average order value, how long ago the first order was).
/// </summary>
public readonly record struct RfmPoint(double RecencyDays, double Orders, double NetSpend, double AverageOrderValue, double DaysSinceFirstOrder);

namespace CrmBot.Intelligence.Recommendations;

/// <summary>How strongly items a customer owns (or mentioned) point at a candidate, and which one points hardest.</summary>
/// <param name="Score">Weighted mean similarity to the seed items.</param>
/// <param name="Strongest">The largest single weighted similarity.</param>
/// <param name="Because">Item number of the seed behind <paramref name="Strongest"/>.</param>
public readonly record struct Evidence(double Score, double Strongest, int Because);

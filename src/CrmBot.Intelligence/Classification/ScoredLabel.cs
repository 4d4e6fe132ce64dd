namespace CrmBot.Intelligence.Classification;

/// <summary>A class and the probability the model gives it.</summary>
public sealed record ScoredLabel(string Label, float Probability);

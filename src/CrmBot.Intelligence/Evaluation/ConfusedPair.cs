namespace CrmBot.Intelligence.Evaluation;

/// <summary>How many test rows labelled <paramref name="Expected"/> the model called <paramref name="Predicted"/>.</summary>
public sealed record ConfusedPair(string Expected, string Predicted, int Count);

namespace CrmBot.Intelligence.Evaluation;

/// <summary>One scored test row: the label it has and the label the model gave it.</summary>
public readonly record struct PredictionOutcome(string Expected, string Predicted);

namespace CrmBot.Intelligence.Evaluation;

/// <summary>Precision, recall and F1 of one label; <paramref name="Support"/> is the number of test rows that have it.</summary>
public sealed record LabelMetrics(string Label, double Precision, double Recall, double F1, int Support);

namespace CrmBot.Intelligence.Classification;

/// <summary>One training or test example: a message and the class it belongs to.</summary>
public sealed record LabeledText(string Text, string Label);

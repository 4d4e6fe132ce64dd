using CrmBot.Intelligence.Classification;

namespace CrmBot.Core.Models;

/// <summary>
/// Customer messages whose intent or sentiment a reviewer corrected, as training examples: added to the authored
/// examples of dialogs/ whenever a model is trained, and counted in what the training and the eval report say.
/// </summary>
public sealed record ReviewedExamples(IReadOnlyList<LabeledText> Intents, IReadOnlyList<LabeledText> Sentiment)
{
    public static ReviewedExamples None { get; } = new([], []);
}

namespace CrmBot.Intelligence.Classification;

/// <summary>A trained model that assigns one label to a message; the evaluator scores any of them the same way.</summary>
public interface ITextClassifier
{
    /// <summary>The labels the model was trained on.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>The label the model decides for <paramref name="text"/>, as a caller would see it.</summary>
    string PredictLabel(string text);
}

using CrmBot.Intelligence.Embeddings;
using Microsoft.ML.Data;

namespace CrmBot.Intelligence.Classification;

/// <summary>Column names of the ML.NET pipeline, and the rows that enter and leave a prediction engine.</summary>
internal static class ScoreColumns
{
    public const string Text = "Text";
    public const string Features = "Features";
    public const string Ngrams = "Ngrams";
    public const string Embedding = "Embedding";
    public const string Score = "Score";
}

internal sealed class TextInput
{
    public string Text { get; set; } = string.Empty;

    /// <summary>The sentence embedding times the model's embedding weight; zeros for a model without embeddings.</summary>
    [VectorType(SentenceEmbedder.Dimensions)]
    public float[] Embedding { get; set; } = [];
}

internal sealed class ScoreOutput
{
    public float[] Score { get; set; } = [];
}

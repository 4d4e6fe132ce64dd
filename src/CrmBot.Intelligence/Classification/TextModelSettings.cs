namespace CrmBot.Intelligence.Classification;

/// <summary>How the shared text pipeline is trained; both models fill it from their public options.</summary>
internal sealed record TextModelSettings
{
    public int Seed { get; init; } = 42;

    public bool MarkNegation { get; init; }

    public float L2Regularization { get; init; } = 0.1f;

    public int MaximumIterations { get; init; } = 100;

    public int WordNgramLength { get; init; } = 2;

    /// <summary>Character n-grams of exactly this length (0 turns them off); they carry misspellings and word pieces.</summary>
    public int CharNgramLength { get; init; } = 3;

    /// <summary>An n-gram becomes a feature only if this many training messages contain it.</summary>
    public int MinimumFeatureCount { get; init; } = 2;

    public float OptimizationTolerance { get; init; } = 1e-4f;

    /// <summary>
    /// How much the sentence embedding counts beside the n-grams (both are unit vectors before this factor); 0 leaves
    /// embeddings out. Embeddings carry meaning across wordings the n-grams never saw; n-grams carry exact phrasing.
    /// </summary>
    public float EmbeddingWeight { get; init; }
}

namespace CrmBot.Intelligence.Recommendations;

/// <summary>How candidates are put in order.</summary>
public enum RankingMethod
{
    /// <summary>What is popular right now, plus what the conversation mentioned: the baseline, and all an anonymous visitor gets.</summary>
    Popularity,
    /// <summary>The hand-weighted blend of <see cref="BlendWeights"/>.</summary>
    Blend,
    /// <summary>The learned ranker (LightGBM LambdaRank) over the same signals.</summary>
    Ranker,
}

namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// How one ranking method did on held-out purchases: hit rate@k (share of customers with at least one of their
/// held-out items in the top k), NDCG@k (binary relevance, ideal = all held-out items first) and catalogue coverage
/// (share of the suggestible items that appear in anyone's top k).
/// </summary>
public sealed record RankingMetrics(RankingMethod Method, int K, int Customers, double HitRate, double Ndcg, double Coverage)
{
    public string Name => Method switch
    {
        RankingMethod.Popularity => "popularity",
        RankingMethod.Blend => "blend",
        _ => "ranker",
    };
}

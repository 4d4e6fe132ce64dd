namespace CrmBot.Core.Recommendations;

/// <summary>The names recorded on each <see cref="RecommendationEvent"/>: which strategy put the product in front of the customer.</summary>
public static class RecommendationStrategies
{
    /// <summary>Best sellers of a kind of product, for a request with a kind but no budget or use and no engine ranking (the constrained picker's plain case).</summary>
    public const string BestSellers = "category-best-sellers";
    /// <summary>The recommendation engine's learned ranker (LightGBM) over co-purchase, category, popularity, price and context signals.</summary>
    public const string PersonalRanker = "personal-ranker";
    /// <summary>The recommendation engine's hand-weighted blend of the same signals.</summary>
    public const string PersonalBlend = "personal-blend";
    /// <summary>What sells right now plus what the conversation mentioned, not personal: the experiment's control arm.</summary>
    public const string Popular = "popular";

    /// <summary>The strategies the A/B experiment may assign (<c>Recommendations:Experiment:Arms</c>).</summary>
    public static IReadOnlyList<string> Assignable { get; } = [PersonalRanker, PersonalBlend, Popular];
    /// <summary>Within the budget, ranked by how well the product fits what it is for, then by sales.</summary>
    public const string Constrained = "constrained-best-sellers";
    /// <summary>Nothing fitted the budget: the cheapest alternatives, said to be over it.</summary>
    public const string OverBudgetCheapest = "over-budget-cheapest";
    /// <summary>Goes with a product the customer owns, and customers who bought that one often bought this too.</summary>
    public const string CoPurchase = "co-purchase";
    /// <summary>Goes with a product the customer owns by what it is (a smart speaker for a smart bulb), without co-purchase evidence.</summary>
    public const string Compatible = "compatible-accessories";
}

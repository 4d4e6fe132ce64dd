namespace CrmBot.Core.Recommendations;

/// <summary>The names recorded on each <see cref="RecommendationEvent"/>: which strategy put the product in front of the customer.</summary>
public static class RecommendationStrategies
{
    /// <summary>A category's best sellers, for a request with no budget, use or kind.</summary>
    public const string BestSellers = "category-best-sellers";
    /// <summary>Within the budget, ranked by how well the product fits what it is for, then by sales.</summary>
    public const string Constrained = "constrained-best-sellers";
    /// <summary>Nothing fitted the budget: the cheapest alternatives, said to be over it.</summary>
    public const string OverBudgetCheapest = "over-budget-cheapest";
    /// <summary>Goes with a product the customer owns, and customers who bought that one often bought this too.</summary>
    public const string CoPurchase = "co-purchase";
    /// <summary>Goes with a product the customer owns by what it is (a smart speaker for a smart bulb), without co-purchase evidence.</summary>
    public const string Compatible = "compatible-accessories";
}

namespace CrmBot.Core.Recommendations;

/// <summary>The long-lived parts a turn's <see cref="ProductRecommender"/> works with: recent sales, the recommendation engine and the A/B assignment.</summary>
public sealed record SuggestionServices(ProductSales Sales, SuggestionModel Model, StrategyAssignment Assignment);

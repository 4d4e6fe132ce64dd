namespace CrmBot.Intelligence.Recommendations;

/// <summary>One request for suggestions.</summary>
/// <param name="Taste">The customer's purchases as of now (<see cref="CustomerTaste.None"/> for an anonymous visitor).</param>
/// <param name="Context">Items and categories the conversation mentioned.</param>
/// <param name="Allow">Narrows the catalogue (a category or kind asked for); null for anything.</param>
/// <param name="Count">Suggestions wanted.</param>
/// <param name="Method">How to rank; without a customer history every method falls back to <see cref="RankingMethod.Popularity"/>.</param>
/// <param name="Diversify">Spread the suggestions over categories.</param>
public sealed record RecommendationQuery(CustomerTaste Taste, RecommendationContext Context, Func<CatalogueItem, bool>? Allow, int Count,
    RankingMethod Method, bool Diversify = true);

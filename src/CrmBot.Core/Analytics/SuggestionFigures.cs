namespace CrmBot.Core.Analytics;

/// <summary>Product suggestions shown in chat in the period's conversations, and how often customers pressed one, per strategy.</summary>
public sealed record SuggestionFigures(int Shown, int Clicked, double? ClickThroughRate, IReadOnlyList<StrategyClicks> Strategies);

/// <summary>
/// One strategy's suggestions: <paramref name="Shown"/> products in <paramref name="Conversations"/> conversations,
/// <paramref name="Clicked"/> of them pressed; the click-through rate is unknown when it showed nothing.
/// </summary>
public sealed record StrategyClicks(string Strategy, int Conversations, int Shown, int Clicked, double? ClickThroughRate);

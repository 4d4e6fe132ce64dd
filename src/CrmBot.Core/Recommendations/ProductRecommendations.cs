using CrmBot.Core.Messages;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// What <c>products.recommend</c> found, with the words a dialog needs to say what it did: <see cref="Status"/> to
/// branch on, <see cref="Selection"/> for "Here are laptops under £400:", <see cref="Owned"/> for "These go well
/// with your Lumora Glow E27:".
/// </summary>
public sealed record ProductRecommendations(string Status, IReadOnlyList<ProductSuggestion> Products)
{
    /// <summary>Suggestions that meet everything the customer asked.</summary>
    public const string Ok = "ok";
    /// <summary>Products that go with one the customer owns (<see cref="Owned"/>).</summary>
    public const string Complement = "complement";
    /// <summary>Nothing fits the budget: the cheapest alternatives, each saying by how much it is over.</summary>
    public const string OverBudget = "over_budget";
    /// <summary>Nothing to suggest at all (everything owned or out of stock).</summary>
    public const string None = "none";
    /// <summary>The request gives nothing to go on: ask what they are shopping for.</summary>
    public const string NeedCategory = "need_category";
    /// <summary>"Goes with my X" but no X in the customer's orders (<see cref="Target"/>): ask what they are shopping for.</summary>
    public const string NotOwned = "not_owned";
    /// <summary>The customer is unhappy, waiting for a person or has a complaint open: no selling now (<see cref="SuggestionMoments.WhenAsked"/>).</summary>
    public const string NotNow = "not_now";

    /// <summary>What was looked at: "laptops", "earbuds", "some ideas".</summary>
    public string Subject { get; init; } = "";
    /// <summary>The budget as asked: "under £400"; empty without one.</summary>
    public string Budget { get; init; } = "";
    /// <summary>What the suggestions are, for a headline: "laptops for study under £400".</summary>
    public string Selection { get; init; } = "";
    /// <summary>The owned product the suggestions go with.</summary>
    public string Owned { get; init; } = "";
    /// <summary>The customer's words for a product of theirs that could not be found: "bulb".</summary>
    public string Target { get; init; } = "";
}

namespace CrmBot.Intelligence.Recommendations;

/// <summary>One suggested item, the reason said to the customer, and the method that ranked it.</summary>
public sealed record Suggestion(string Item, double Score, string Reason, SuggestionReason Kind, RankingMethod Method);

/// <summary>Which signal the reason quotes.</summary>
public enum SuggestionReason
{
    /// <summary>"Customers who bought the Aurora X2 also bought this"</summary>
    BoughtTogether,
    /// <summary>"Popular in Audio, a category you buy from"</summary>
    FavouriteCategory,
    /// <summary>"Popular in Audio right now"</summary>
    MentionedCategory,
    /// <summary>"Popular right now"</summary>
    Popular,
}

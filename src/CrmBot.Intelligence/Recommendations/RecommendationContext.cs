namespace CrmBot.Intelligence.Recommendations;

/// <summary>What the conversation is about: items and categories the customer mentioned (ids as in the purchases).</summary>
public sealed record RecommendationContext(IReadOnlyList<string> Items, IReadOnlyList<string> Categories)
{
    public static RecommendationContext None { get; } = new([], []);

    public bool IsEmpty => Items.Count == 0 && Categories.Count == 0;
}

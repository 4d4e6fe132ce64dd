using System.Text.RegularExpressions;

namespace CrmBot.Core.Products;

/// <summary>
/// Something a customer wants a product for ("the gym", "drawing", "an 80-year-old"), and the catalogue words that show
/// a product is good for it. <see cref="Terms"/> go from the most telling to the most general, because the first one a
/// product has is what its reason quotes ("Good for the gym: sweat resistant").
/// </summary>
/// <param name="Phrase">How a headline says it: "laptops <b>for study</b> under £400".</param>
/// <param name="Reason">How a suggestion's reason says it: "Good for the gym".</param>
/// <param name="Weight">How much a match counts: what a product is for weighs more than a nice-to-have feature or who it is for.</param>
/// <param name="Audience">Set when the use names who it is for (kids, seniors): products made only for that audience are kept for it.</param>
public sealed record ProductUse(string Name, string Phrase, string Reason, IReadOnlyList<string> Terms, double Weight, string? Audience = null)
{
    public const string Kids = "kids";
    public const string Seniors = "seniors";

    internal Regex? Trigger { get; init; }
}

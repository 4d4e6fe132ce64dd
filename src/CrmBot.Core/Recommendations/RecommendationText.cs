using CrmBot.Core.Products;

namespace CrmBot.Core.Recommendations;

/// <summary>The words a headline is made of: "laptops", "audio products", "for kids and drawing".</summary>
internal static class RecommendationText
{
    /// <summary>"laptops", "TVs", "smart home products": a category as a plural noun in the middle of a sentence.</summary>
    public static string CategoryDisplay(ProductCategory? category)
    {
        if (category is null)
        {
            return "products";
        }
        var name = category.Name.Skip(1).Any(char.IsUpper) && !category.Name.Contains(' ') ? category.Name : category.Name.ToLowerInvariant();
        return name.EndsWith('s') ? name : name + " products";
    }

    public static string Subjects(IReadOnlyList<ProductCategory> categories) =>
        categories.Count == 0 ? "some ideas" : List(categories.Select(CategoryDisplay).ToList());

    /// <summary>"laptops", "tablets and laptops", "keyboards, mice and monitors".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count <= 1
        ? items.FirstOrDefault() ?? ""
        : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    /// <summary>The two weightiest uses the suggestions answer, as one phrase: "for kids and drawing", "for running with GPS".</summary>
    public static string Uses(IReadOnlyList<ProductUse> shown)
    {
        var phrases = shown.Select((u, i) => (Use: u, Index: i)).OrderByDescending(x => x.Use.Weight).ThenBy(x => x.Index).Take(2)
            .OrderBy(x => x.Index).Select(x => x.Use.Phrase).ToList();
        if (phrases.Count == 2 && phrases[0].StartsWith("for ", StringComparison.Ordinal) && phrases[1].StartsWith("for ", StringComparison.Ordinal))
        {
            return $"{phrases[0]} and {phrases[1][4..]}";
        }
        return string.Join(' ', phrases);
    }

    public static string Join(params string[] parts) => string.Join(' ', parts.Where(p => p.Length > 0));
}

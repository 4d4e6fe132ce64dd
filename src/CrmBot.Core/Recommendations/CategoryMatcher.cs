using System.Text.RegularExpressions;
using CrmBot.Core.Products;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// Finds the catalogue's categories in a request by their names and the synonyms customers use (catalog.yaml), the same
/// words the entity extractor knows. A word for a product ("laptop") beats a category name used as an adjective
/// ("gaming" in "gaming laptop").
/// </summary>
internal sealed class CategoryMatcher
{
    private readonly List<(ProductCategory Category, string Phrase, bool IsSynonym, Regex Pattern)> _phrases = [];

    public CategoryMatcher(IEnumerable<ProductCategory> categories)
    {
        foreach (var category in categories)
        {
            var synonyms = category.Synonyms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => s.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            var names = new[] { category.Name.ToLowerInvariant(), category.Slug.Replace('-', ' ') };
            foreach (var phrase in synonyms.Concat(names.Where(n => !synonyms.Contains(n))).Distinct())
            {
                _phrases.Add((category, phrase, synonyms.Contains(phrase), Phrase(phrase)));
            }
        }
    }

    public IReadOnlyList<ProductCategory> All => _phrases.Select(p => p.Category).Distinct().ToList();

    /// <summary>A category given by slug, name or one of its words ("laptops", "Smart Home", "telly").</summary>
    public ProductCategory? Resolve(string? value)
    {
        var text = (value ?? "").Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            return null;
        }
        return _phrases.FirstOrDefault(p => p.Category.Slug == text).Category
            ?? _phrases.FirstOrDefault(p => p.Phrase == text).Category
            ?? Find(text, []).FirstOrDefault();
    }

    /// <summary>The categories a text names, in the order it names them.</summary>
    public IReadOnlyList<ProductCategory> Find(string text, IReadOnlyList<ProductKind> kinds)
    {
        var mentions = new List<(int Index, ProductCategory Category, bool IsSynonym)>();
        foreach (var (category, phrase, isSynonym, pattern) in _phrases)
        {
            // "to watch films" names no watch: the kind reader knows the verb from the thing.
            if (phrase == "watch" && !kinds.Any(k => k.Name == "watch"))
            {
                continue;
            }
            if (pattern.Match(text) is { Success: true } m)
            {
                mentions.Add((m.Index, category, isSynonym));
            }
        }
        var preferred = mentions.Any(m => m.IsSynonym) ? mentions.Where(m => m.IsSynonym) : mentions;
        return preferred.OrderBy(m => m.Index).Select(m => m.Category).DistinctBy(c => c.Slug).ToList();
    }

    private static Regex Phrase(string phrase) =>
        new(@"(?<![\w-])" + Regex.Escape(phrase).Replace(@"\ ", @"\s+") + @"(?:s|es)?(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}

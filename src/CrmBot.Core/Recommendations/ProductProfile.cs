using CrmBot.Core.Products;

namespace CrmBot.Core.Recommendations;

/// <summary>A catalogue product with its words ready for matching: tags as written (to quote them) and in lower case.</summary>
internal sealed class ProductProfile
{
    /// <summary>Tags that mark a product as made only for one audience, so it is suggested only when asked for that audience.</summary>
    private static readonly Dictionary<string, string> AudienceTags = new(StringComparer.Ordinal)
    {
        ["for children"] = ProductUse.Kids,
        ["seniors"] = ProductUse.Seniors,
    };

    public ProductProfile(Product product)
    {
        Product = product;
        Tags = product.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        LowerTags = Tags.Select(t => t.ToLowerInvariant()).ToArray();
        Name = product.Name.ToLowerInvariant();
        Description = product.Description.ToLowerInvariant();
        Audience = LowerTags.Select(t => AudienceTags.GetValueOrDefault(t)).FirstOrDefault(a => a is not null);
    }

    public Product Product { get; }
    public IReadOnlyList<string> Tags { get; }
    public IReadOnlyList<string> LowerTags { get; }
    public string Name { get; }
    public string Description { get; }
    public string? Audience { get; }
    public string CategoryName => Product.Category?.Name ?? Product.CategorySlug;

    /// <summary>The first term the product has, quoted as evidence: the tag as written, or the term when only the description has it.</summary>
    public string? Evidence(IReadOnlyList<string> terms) => Match(terms)?.Evidence;

    /// <summary>The first of <paramref name="terms"/> the product has, and its place in the list (earlier terms say more).</summary>
    public (string Evidence, int Index)? Match(IReadOnlyList<string> terms)
    {
        for (int index = 0; index < terms.Count; index++)
        {
            var term = terms[index];
            for (int i = 0; i < LowerTags.Count; i++)
            {
                if (Contains(LowerTags[i], term))
                {
                    return (Tags[i], index);
                }
            }
            if (Contains(Name, term) || Contains(Description, term))
            {
                return (term, index);
            }
        }
        return null;
    }

    public bool Has(string term) => Evidence([term]) is not null;

    /// <summary>
    /// Whether the product is this kind of thing, by its name or its first tag: the catalogue lists what a product is
    /// first ("docking station, USB-C hub, …, dual monitor"), so a dock that drives monitors is not a monitor.
    /// </summary>
    public bool Is(string term) => Contains(Name, term) || (LowerTags.Count > 0 && Contains(LowerTags[0], term));

    /// <summary>A term at the start of a word ("gps" in "dual-band gps", "bulb" in "bulbs"), not inside one ("art" in "smart").</summary>
    public static bool Contains(string text, string term)
    {
        for (int at = text.IndexOf(term, StringComparison.Ordinal); at >= 0; at = text.IndexOf(term, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
            {
                return true;
            }
        }
        return false;
    }
}

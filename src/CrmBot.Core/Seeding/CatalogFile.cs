using CrmBot.Core.Products;

namespace CrmBot.Core.Seeding;

/// <summary>Schema of <c>Seeding/Data/catalog.yaml</c>: the demo shop's categories and products.</summary>
public sealed record CatalogFile
{
    public const string FileName = "catalog.yaml";

    public List<CategoryEntry> Categories { get; init; } = [];
    public List<ProductEntry> Products { get; init; } = [];

    public sealed record CategoryEntry
    {
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
        public List<string> Synonyms { get; init; } = [];
    }

    public sealed record ProductEntry
    {
        public string Sku { get; init; } = "";
        public string Name { get; init; } = "";
        public string Brand { get; init; } = "";
        /// <summary>Slug of the product's category.</summary>
        public string Category { get; init; } = "";
        public decimal Price { get; init; }
        /// <summary>Relative sales weight 1..10.</summary>
        public int Popularity { get; init; }
        public List<string> Tags { get; init; } = [];
        public string Description { get; init; } = "";
    }

    /// <summary>Reads and validates the catalogue embedded in this assembly.</summary>
    public static CatalogFile LoadEmbedded() => SeedYaml.ReadEmbedded<CatalogFile>(FileName).Validate();

    public IReadOnlyList<ProductCategory> ToCategories() =>
        [.. Categories.Select(c => new ProductCategory { Slug = c.Slug, Name = c.Name, Synonyms = string.Join(',', c.Synonyms) })];

    public IReadOnlyList<Product> ToProducts() =>
        [.. Products.Select(p => new Product
        {
            Sku = p.Sku,
            Name = p.Name,
            Brand = p.Brand,
            CategorySlug = p.Category,
            Price = p.Price,
            Popularity = p.Popularity,
            Tags = string.Join(',', p.Tags),
            Description = p.Description,
        })];

    private CatalogFile Validate()
    {
        var problems = new List<string>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Categories)
        {
            if (string.IsNullOrWhiteSpace(c.Slug) || string.IsNullOrWhiteSpace(c.Name)) problems.Add($"category '{c.Name}' needs a name and a slug");
            else if (!slugs.Add(c.Slug)) problems.Add($"category slug '{c.Slug}' repeats");
        }
        var skus = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in Products)
        {
            if (string.IsNullOrWhiteSpace(p.Sku) || string.IsNullOrWhiteSpace(p.Name) || string.IsNullOrWhiteSpace(p.Brand) || string.IsNullOrWhiteSpace(p.Description))
                problems.Add($"product '{p.Sku}' needs sku, name, brand and description");
            else if (!skus.Add(p.Sku)) problems.Add($"sku '{p.Sku}' repeats");
            if (!slugs.Contains(p.Category)) problems.Add($"product '{p.Sku}' has unknown category '{p.Category}'");
            if (p.Price <= 0) problems.Add($"product '{p.Sku}' has no price");
            if (p.Popularity is < 1 or > 10) problems.Add($"product '{p.Sku}' popularity {p.Popularity} is outside 1..10");
        }
        if (Products.Count == 0) problems.Add("no products");
        return problems.Count == 0 ? this : throw new InvalidDataException($"{FileName}: {string.Join("; ", problems)}");
    }
}

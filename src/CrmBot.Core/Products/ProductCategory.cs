using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Products;

public class ProductCategory
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    /// <summary>Comma-separated words customers use for the category ("telly", "cans"); the entity extractor matches them.</summary>
    public string Synonyms { get; set; } = "";
}

internal sealed class ProductCategoryConfiguration : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> b)
    {
        b.ToTable("ProductCategories");
        b.Property(c => c.Slug).HasMaxLength(40);
        b.HasIndex(c => c.Slug).IsUnique();
        b.Property(c => c.Name).HasMaxLength(60);
        b.Property(c => c.Synonyms).HasMaxLength(400);
    }
}

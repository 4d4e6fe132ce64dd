using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Products;

public class Product
{
    public int Id { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public required string Brand { get; set; }
    public required string CategorySlug { get; set; }
    public ProductCategory? Category { get; set; }
    public decimal Price { get; set; }
    /// <summary>Relative sales weight 1..10 from the catalogue; drives generated demo orders.</summary>
    public int Popularity { get; set; }
    /// <summary>Comma-separated tags.</summary>
    public string Tags { get; set; } = "";
    public required string Description { get; set; }
    public bool InStock { get; set; } = true;
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("Products");
        b.Property(p => p.Sku).HasMaxLength(20);
        b.HasIndex(p => p.Sku).IsUnique();
        b.Property(p => p.Name).HasMaxLength(120);
        b.Property(p => p.Brand).HasMaxLength(60);
        b.Property(p => p.CategorySlug).HasMaxLength(40);
        b.Property(p => p.Price).HasPrecision(10, 2);
        b.Property(p => p.Tags).HasMaxLength(400);
        b.Property(p => p.Description).HasMaxLength(1000);
        b.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategorySlug).HasPrincipalKey(c => c.Slug);
    }
}

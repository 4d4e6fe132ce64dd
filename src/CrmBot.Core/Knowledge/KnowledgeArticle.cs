using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Knowledge;

public class KnowledgeArticle
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Category { get; set; }
    /// <summary>Comma-separated intent names this article answers.</summary>
    public string Intents { get; set; } = "";
    /// <summary>Comma-separated search keywords.</summary>
    public string Keywords { get; set; } = "";
    /// <summary>A stand-alone answer the bot can say in chat.</summary>
    public required string Summary { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<KnowledgeArticle>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticle> b)
    {
        b.ToTable("KnowledgeArticles");
        b.Property(a => a.Slug).HasMaxLength(100);
        b.HasIndex(a => a.Slug).IsUnique();
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.Category).HasMaxLength(40);
        b.Property(a => a.Intents).HasMaxLength(400);
        b.Property(a => a.Keywords).HasMaxLength(600);
        b.Property(a => a.Summary).HasMaxLength(600);
        b.Property(a => a.Body).HasMaxLength(8000);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Recommendations;

/// <summary>A product suggestion shown in chat, and whether it was clicked: the outcome data recommendation strategies are judged by.</summary>
public class RecommendationEvent
{
    public long Id { get; set; }
    public Guid? ConversationId { get; set; }
    public int? CustomerId { get; set; }
    public int ProductId { get; set; }
    public required string Strategy { get; set; }
    public int Rank { get; set; }
    public DateTimeOffset ShownAt { get; set; }
    public DateTimeOffset? ClickedAt { get; set; }
}

internal sealed class RecommendationEventConfiguration : IEntityTypeConfiguration<RecommendationEvent>
{
    public void Configure(EntityTypeBuilder<RecommendationEvent> b)
    {
        b.ToTable("RecommendationEvents");
        b.Property(r => r.Strategy).HasMaxLength(40);
        b.HasIndex(r => r.ConversationId);
        b.HasIndex(r => r.CustomerId);
    }
}

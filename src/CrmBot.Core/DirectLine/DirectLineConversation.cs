using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.DirectLine;

/// <summary>A conversation of our Direct Line server; its activity log is <see cref="DirectLineActivity"/>.</summary>
public class DirectLineConversation
{
    /// <summary>The Direct Line conversation id (random, URL-safe).</summary>
    public required string Id { get; set; }
    /// <summary>The user the conversation's tokens speak as; null until known.</summary>
    public string? UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Sequence number of the last activity appended, i.e. the newest watermark; the next activity gets one more.</summary>
    public long LastSequence { get; set; }
}

internal sealed class DirectLineConversationConfiguration : IEntityTypeConfiguration<DirectLineConversation>
{
    public void Configure(EntityTypeBuilder<DirectLineConversation> b)
    {
        b.ToTable("DirectLineConversations");
        b.Property(c => c.Id).HasMaxLength(64);
        b.Property(c => c.UserId).HasMaxLength(128);
        b.HasIndex(c => c.CreatedAt);
    }
}

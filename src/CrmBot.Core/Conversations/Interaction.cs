using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Conversations;

public enum InteractionDirection { Inbound, Outbound }

public enum InteractionAuthor { Customer, Bot, Agent, System }

/// <summary>One message of a conversation, with how it was understood and handled. Text is stored PII-redacted.</summary>
public class Interaction
{
    public long Id { get; set; }
    public Guid ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public InteractionDirection Direction { get; set; }
    public InteractionAuthor Author { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    /// <summary>The channel's activity id, used to answer a re-delivered message without running the turn twice.</summary>
    public string? ChannelActivityId { get; set; }
    /// <summary>For outbound messages: the inbound interaction they answer.</summary>
    public long? ReplyToId { get; set; }
    public string? Intent { get; set; }
    public double? Confidence { get; set; }
    /// <summary>JSON array of extracted entities (values redacted where personal).</summary>
    public string? Entities { get; set; }
    public double? SentimentScore { get; set; }
    public string? SentimentLabel { get; set; }
    /// <summary>For outbound messages: milliseconds from receiving the inbound message to this reply.</summary>
    public int? LatencyMs { get; set; }
    /// <summary>What produced the reply: a dialog name, "knowledge", "fallback", "escalation", "agent"…</summary>
    public string? HandledBy { get; set; }
    /// <summary>JSON of structured content sent with the reply (product suggestions, suggested actions).</summary>
    public string? Attachments { get; set; }
    /// <summary>Why the inbound text was changed before storage or understanding ("truncated", "control-characters", "redacted").</summary>
    public string? Flags { get; set; }
    /// <summary>For agent messages: who wrote it.</summary>
    public int? AgentId { get; set; }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b)
    {
        b.ToTable("Interactions");
        b.Property(i => i.Direction).HasConversion<string>().HasMaxLength(10);
        b.Property(i => i.Author).HasConversion<string>().HasMaxLength(10);
        b.Property(i => i.Text).HasMaxLength(4000);
        b.Property(i => i.ChannelActivityId).HasMaxLength(200);
        b.Property(i => i.Intent).HasMaxLength(60);
        b.Property(i => i.Entities).HasMaxLength(4000);
        b.Property(i => i.SentimentLabel).HasMaxLength(10);
        b.Property(i => i.HandledBy).HasMaxLength(60);
        b.Property(i => i.Attachments).HasMaxLength(8000);
        b.Property(i => i.Flags).HasMaxLength(200);
        b.HasIndex(i => new { i.ConversationId, i.Id });
        b.HasIndex(i => new { i.ConversationId, i.ChannelActivityId }).IsUnique().HasFilter("\"ChannelActivityId\" IS NOT NULL");
        b.HasIndex(i => i.Timestamp);
        b.HasOne<Agents.Agent>().WithMany().HasForeignKey(i => i.AgentId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(i => i.Conversation).WithMany().HasForeignKey(i => i.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

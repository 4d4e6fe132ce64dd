using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.DirectLine;

/// <summary>
/// One activity of a Direct Line conversation, kept as the JSON clients receive. The key (conversation, sequence)
/// makes a sequence number unique per conversation, the last guard against two activities sharing a watermark.
/// </summary>
public class DirectLineActivity
{
    /// <summary>Upper bound of <see cref="Json"/>; the server refuses larger activities before they get here.</summary>
    public const int MaxJsonLength = 1024 * 1024;

    public required string ConversationId { get; set; }
    public DirectLineConversation? Conversation { get; set; }
    /// <summary>1, 2, 3… within the conversation: the watermark clients resume from.</summary>
    public long Sequence { get; set; }
    /// <summary><c>{conversationId}|{sequence:D7}</c>, also inside <see cref="Json"/>.</summary>
    public required string ActivityId { get; set; }
    public required string Type { get; set; }
    /// <summary><c>user</c> or <c>bot</c>.</summary>
    public string? FromRole { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    /// <summary>The activity as clients receive it; a customer's text is stored with personal data masked.</summary>
    public required string Json { get; set; }
    /// <summary>
    /// What makes a repeat of this activity recognisable: <c>client:{clientActivityID}</c> for a user's post (Web Chat
    /// repeats it when it retries), <c>reply:{activity id}:{n}</c> for the bot's n-th reply to an activity (a turn run
    /// again after a crash). Unique within the conversation.
    /// </summary>
    public string? IdempotencyKey { get; set; }
}

internal sealed class DirectLineActivityConfiguration : IEntityTypeConfiguration<DirectLineActivity>
{
    public void Configure(EntityTypeBuilder<DirectLineActivity> b)
    {
        b.ToTable("DirectLineActivities");
        b.HasKey(a => new { a.ConversationId, a.Sequence });
        b.Property(a => a.ConversationId).HasMaxLength(64);
        b.Property(a => a.ActivityId).HasMaxLength(100);
        b.Property(a => a.Type).HasMaxLength(40);
        b.Property(a => a.FromRole).HasMaxLength(10);
        b.Property(a => a.Json).HasMaxLength(DirectLineActivity.MaxJsonLength);
        b.Property(a => a.IdempotencyKey).HasMaxLength(160);
        b.HasIndex(a => a.Timestamp);
        b.HasIndex(a => new { a.ConversationId, a.IdempotencyKey }).IsUnique();
        b.HasOne(a => a.Conversation).WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

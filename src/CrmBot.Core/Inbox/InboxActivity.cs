using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Inbox;

/// <summary>
/// An activity a channel delivered and we acknowledged, with its turn: pending until the bot has answered it, then
/// completed and stripped of the raw activity. The unique (channel, conversation, activity id) is what recognises a
/// channel's redelivery of the same activity.
/// </summary>
public class InboxActivity
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    /// <summary>The channel's conversation id.</summary>
    public required string ConversationId { get; set; }
    /// <summary>The channel's activity id (Direct Line: the one our server assigned).</summary>
    public required string ActivityId { get; set; }
    /// <summary>The activity as the bot receives it, raw (it may hold personal data); null once the turn is over.</summary>
    public string? ActivityJson { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>When the turn finished or was given up; null while pending.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Runs started: 1 for the first, one more at each start-up that found it pending.</summary>
    public int Attempts { get; set; }
    /// <summary>True when the turn was given up after too many attempts instead of being answered.</summary>
    public bool GivenUp { get; set; }
    /// <summary>
    /// The instance that runs the turn (<see cref="BotFramework.Builder.ITurnInstances.InstanceId"/>): the one that
    /// accepted it, or the one that took it over after that one died. Null for a single process.
    /// </summary>
    public string? Owner { get; set; }
}

internal sealed class InboxActivityConfiguration : IEntityTypeConfiguration<InboxActivity>
{
    public void Configure(EntityTypeBuilder<InboxActivity> b)
    {
        b.ToTable("InboxActivities");
        b.Property(a => a.Channel).HasMaxLength(32);
        b.Property(a => a.ConversationId).HasMaxLength(256);
        b.Property(a => a.ActivityId).HasMaxLength(256);
        b.Property(a => a.ActivityJson).HasMaxLength(1024 * 1024);
        b.Property(a => a.Owner).HasMaxLength(128);
        b.HasIndex(a => new { a.Channel, a.ConversationId, a.ActivityId }).IsUnique();
        // Start-up looks for pending turns, the retention purge for old completed ones: both by completion time.
        b.HasIndex(a => a.CompletedAt);
    }
}

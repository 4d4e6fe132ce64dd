using CrmBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Supervision;

public enum AlertKind { BelowThreshold, SteepDrop }

/// <summary>
/// A conversation whose mood turned bad, raised for supervisors (<see cref="SentimentAlertRule"/>). Kept after it is
/// acknowledged or cleared: when supervisors were told, and whether anyone looked.
/// </summary>
public class SupervisorAlert
{
    public int Id { get; set; }
    public Guid ConversationId { get; set; }
    public AlertKind Kind { get; set; }
    /// <summary>The rolling conversation sentiment when the alert was raised.</summary>
    public double Sentiment { get; set; }
    /// <summary>How far the rolling sentiment had fallen within the drop window.</summary>
    public double Drop { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    /// <summary>The customer message that tipped it.</summary>
    public long? InteractionId { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    /// <summary>Display name of the supervisor who acknowledged it.</summary>
    public string? AcknowledgedBy { get; set; }
    /// <summary>When the conversation recovered; until then no other alert is raised for it.</summary>
    public DateTimeOffset? ClearedAt { get; set; }

    public const int MaxNameLength = 100;
}

internal sealed class SupervisorAlertConfiguration : IEntityTypeConfiguration<SupervisorAlert>
{
    public void Configure(EntityTypeBuilder<SupervisorAlert> b)
    {
        b.ToTable("SupervisorAlerts");
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.AcknowledgedBy).HasMaxLength(SupervisorAlert.MaxNameLength);
        b.HasIndex(a => new { a.ConversationId, a.ClearedAt });
        b.HasIndex(a => a.RaisedAt);
        b.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

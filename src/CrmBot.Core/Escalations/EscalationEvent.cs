using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Escalations;

public enum EscalationEventKind { Created, Assigned, Requeued, Accepted, HandedBack, Resolved, Abandoned, Rated }

/// <summary>
/// One state change of an escalation with its time: the audit trail behind wait time, handle time and re-queues.
/// The escalation row holds the current state; these rows say how it got there.
/// </summary>
public class EscalationEvent
{
    public long Id { get; set; }
    public int EscalationId { get; set; }
    public EscalationEventKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
    public int? AgentId { get; set; }
    /// <summary>Why, for re-queues ("not accepted in time", "agent offline"), or the disposition or rating.</summary>
    public string? Detail { get; set; }
}

internal sealed class EscalationEventConfiguration : IEntityTypeConfiguration<EscalationEvent>
{
    public void Configure(EntityTypeBuilder<EscalationEvent> b)
    {
        b.ToTable("EscalationEvents");
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Detail).HasMaxLength(200);
        b.HasIndex(e => new { e.EscalationId, e.Id });
        b.HasIndex(e => e.At);
        b.HasOne<Escalation>().WithMany(e => e.Events).HasForeignKey(e => e.EscalationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Agents.Agent>().WithMany().HasForeignKey(e => e.AgentId).OnDelete(DeleteBehavior.SetNull);
    }
}

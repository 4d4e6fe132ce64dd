using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;

namespace CrmBot.Core.Escalations;

public enum EscalationReason { CustomerRequest, NegativeSentiment, RepeatedFallback, VipComplaint, PolicyIntent, KnowledgeGap, VerificationFailed }

public enum EscalationStatus { Pending, Assigned, Active, Resolved, Abandoned }

public class Escalation
{
    public int Id { get; set; }
    /// <summary>Reference the customer is given, e.g. ESC-4K7Q2M.</summary>
    public required string Reference { get; set; }
    public Guid ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public int? CustomerId { get; set; }
    public EscalationReason Reason { get; set; }
    /// <summary>Human-readable why, for the agent and for reports (no personal data).</summary>
    public required string ReasonDetail { get; set; }
    /// <summary>1 (most urgent) to 4.</summary>
    public int Priority { get; set; }
    /// <summary>Skill queue the escalation waits in: orders, billing, returns, technical, accounts, general.</summary>
    public required string Queue { get; set; }
    public string? Intent { get; set; }
    public double? SentimentAtEscalation { get; set; }
    public EscalationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int? AgentId { get; set; }
    public Agent? Agent { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? Disposition { get; set; }
    public string? Note { get; set; }
    /// <summary>Customer satisfaction 1..5 answered after resolution.</summary>
    public int? Csat { get; set; }
    public List<EscalationEvent> Events { get; set; } = [];

    /// <summary>The states of an escalation still being dealt with: waiting, offered to an agent, or with one.</summary>
    public static readonly EscalationStatus[] OpenStatuses = [EscalationStatus.Pending, EscalationStatus.Assigned, EscalationStatus.Active];

    /// <summary>Records a state change with its time; every transition goes through here so the trail is complete.</summary>
    public void Record(EscalationEventKind kind, DateTimeOffset at, int? agentId = null, string? detail = null) =>
        Events.Add(new EscalationEvent { Kind = kind, At = at, AgentId = agentId, Detail = detail });
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> b)
    {
        b.Property(e => e.Reference).HasMaxLength(20);
        b.HasIndex(e => e.Reference).IsUnique();
        b.Property(e => e.Reason).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.ReasonDetail).HasMaxLength(300);
        b.Property(e => e.Queue).HasMaxLength(40);
        b.Property(e => e.Intent).HasMaxLength(60);
        // A concurrency token: two agents (or an agent and the router) changing one escalation at once cannot both win.
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.Property(e => e.Disposition).HasMaxLength(60);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.HasIndex(e => new { e.Status, e.Queue, e.Priority });
        b.HasIndex(e => e.ConversationId);
        b.HasOne(e => e.Conversation).WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Agent).WithMany().HasForeignKey(e => e.AgentId).OnDelete(DeleteBehavior.SetNull);
    }
}

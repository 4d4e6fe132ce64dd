using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;

namespace CrmBot.Core.Escalations;

public enum EscalationReason { CustomerRequest, NegativeSentiment, RepeatedFallback, VipComplaint, PolicyIntent, KnowledgeGap, VerificationFailed, SupervisorRequest }

public enum EscalationStatus { Pending, Assigned, Active, Resolved, Abandoned }

/// <summary>
/// A conversation handed to people. It owns its lifecycle: every change of status, agent, times and rating goes through
/// one of its transitions, which also writes the trail row, so the state and its history cannot disagree.
/// </summary>
public class Escalation
{
    /// <summary>Given by the store; set here only when a bulk writer inserts the row itself (the seeded history).</summary>
    public int Id { get; internal set; }
    /// <summary>Reference the customer is given, e.g. ESC-4K7Q2M.</summary>
    public required string Reference { get; init; }
    public Guid ConversationId { get; init; }
    public Conversation? Conversation { get; private set; }
    public int? CustomerId { get; init; }
    public EscalationReason Reason { get; init; }
    /// <summary>Human-readable why, for the agent and for reports (no personal data).</summary>
    public required string ReasonDetail { get; init; }
    /// <summary>1 (most urgent) to 4.</summary>
    public int Priority { get; init; }
    /// <summary>Skill queue the escalation waits in: orders, billing, returns, technical, accounts, general.</summary>
    public required string Queue { get; init; }
    public string? Intent { get; init; }
    public double? SentimentAtEscalation { get; init; }
    public EscalationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int? AgentId { get; private set; }
    public Agent? Agent { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? Disposition { get; private set; }
    public string? Note { get; private set; }
    /// <summary>Customer satisfaction 1..5 answered after resolution.</summary>
    public int? Csat { get; private set; }
    public List<EscalationEvent> Events { get; private set; } = [];

    /// <summary>The states of an escalation still being dealt with: waiting, offered to an agent, or with one.</summary>
    public static readonly EscalationStatus[] OpenStatuses = [EscalationStatus.Pending, EscalationStatus.Assigned, EscalationStatus.Active];

    /// <summary>The states in which an agent holds the escalation (offered or accepted): what counts against their capacity.</summary>
    public static readonly EscalationStatus[] HeldStatuses = [EscalationStatus.Assigned, EscalationStatus.Active];

    public bool IsOpen => OpenStatuses.Contains(Status);

    /// <summary>Opens an escalation waiting in its queue (the bot's hand-off, or a seeded past one).</summary>
    public static Escalation Open(string reference, Guid conversationId, int? customerId, EscalationReason reason, string detail,
        string queue, string? intent, int priority, double? sentiment, DateTimeOffset at)
    {
        var escalation = new Escalation
        {
            Reference = reference,
            ConversationId = conversationId,
            CustomerId = customerId,
            Reason = reason,
            ReasonDetail = detail.Length > MaxDetailLength ? detail[..MaxDetailLength] : detail,
            Queue = queue,
            Intent = intent,
            Priority = priority,
            SentimentAtEscalation = sentiment,
            Status = EscalationStatus.Pending,
            CreatedAt = at,
        };
        escalation.Record(EscalationEventKind.Created, at, detail: reason.ToString());
        return escalation;
    }

    /// <summary>The router offers a waiting escalation to an agent.</summary>
    public void Assign(int agentId, DateTimeOffset at)
    {
        Require(EscalationStatus.Pending);
        Status = EscalationStatus.Assigned;
        AgentId = agentId;
        AssignedAt = at;
        Record(EscalationEventKind.Assigned, at, agentId);
    }

    /// <summary>An offer not taken (timed out, the agent went away) goes back to the queue.</summary>
    public void Requeue(DateTimeOffset at, string why)
    {
        Require(EscalationStatus.Assigned);
        Record(EscalationEventKind.Requeued, at, AgentId, why);
        Status = EscalationStatus.Pending;
        AgentId = null;
        Agent = null;
        AssignedAt = null;
    }

    /// <summary>An agent joins: one offered to them, or one they take from a queue they serve.</summary>
    public void Accept(int agentId, DateTimeOffset at)
    {
        if (!(Status == EscalationStatus.Pending || (Status == EscalationStatus.Assigned && AgentId == agentId)))
        {
            throw Refused("accepted by agent " + agentId);
        }
        Status = EscalationStatus.Active;
        AgentId = agentId;
        AssignedAt ??= at;
        AcceptedAt = at;
        Record(EscalationEventKind.Accepted, at, agentId);
    }

    /// <summary>The agent gives the conversation back to the bot.</summary>
    public void HandBack(DateTimeOffset at, string? note) => Close(EscalationEventKind.HandedBack, at, HandedBackDisposition, note);

    /// <summary>The agent resolves it with a disposition; the customer is asked for a rating next.</summary>
    public void Resolve(DateTimeOffset at, string disposition, string? note) => Close(EscalationEventKind.Resolved, at, disposition, note);

    /// <summary>Given up before an agent joined (the customer left, or the wait ran past the team's day).</summary>
    public void Abandon(DateTimeOffset at, string why)
    {
        if (Status is not (EscalationStatus.Pending or EscalationStatus.Assigned))
        {
            throw Refused("abandoned");
        }
        Record(EscalationEventKind.Abandoned, at, AgentId, why);
        Status = EscalationStatus.Abandoned;
        AgentId = null;
        Agent = null;
    }

    /// <summary>The customer's 1–5 answer to the rating question after resolution.</summary>
    public void Rate(int rating, DateTimeOffset at)
    {
        Require(EscalationStatus.Resolved);
        if (rating is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating is 1 to 5.");
        }
        Csat = rating;
        Record(EscalationEventKind.Rated, at, AgentId, rating.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The customer was erased (right to be forgotten): the agent's note loses their personal values. The status and
    /// trail stay as they were; the link to the customer is removed by the erasure itself.
    /// </summary>
    public void RedactNote(Func<string, string> redact)
    {
        if (Note is not null)
        {
            Note = redact(Note);
        }
    }

    /// <summary>The disposition of an escalation the agent handed back to the bot.</summary>
    public const string HandedBackDisposition = "handed-back";

    /// <summary>The longest reason detail and resolution note kept (the columns' sizes).</summary>
    public const int MaxDetailLength = 300;
    public const int MaxNoteLength = 2000;

    private void Close(EscalationEventKind kind, DateTimeOffset at, string disposition, string? note)
    {
        Require(EscalationStatus.Active);
        Status = EscalationStatus.Resolved;
        ResolvedAt = at;
        Disposition = disposition;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Length > MaxNoteLength ? note[..MaxNoteLength] : note;
        Record(kind, at, AgentId, disposition);
    }

    private void Require(EscalationStatus status)
    {
        if (Status != status)
        {
            throw Refused("moved on from " + status);
        }
    }

    private InvalidOperationException Refused(string what) => new($"Escalation {Reference} is {Status} and cannot be {what}.");

    private void Record(EscalationEventKind kind, DateTimeOffset at, int? agentId = null, string? detail = null) =>
        Events.Add(new EscalationEvent { Kind = kind, At = at, AgentId = agentId, Detail = detail });
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> b)
    {
        b.ToTable("Escalations");
        b.Property(e => e.Reference).HasMaxLength(20);
        b.HasIndex(e => e.Reference).IsUnique();
        b.Property(e => e.Reason).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.ReasonDetail).HasMaxLength(Escalation.MaxDetailLength);
        b.Property(e => e.Queue).HasMaxLength(40);
        b.Property(e => e.Intent).HasMaxLength(60);
        // A concurrency token: two agents (or an agent and the router) changing one escalation at once cannot both win.
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.Property(e => e.Disposition).HasMaxLength(60);
        b.Property(e => e.Note).HasMaxLength(Escalation.MaxNoteLength);
        b.HasIndex(e => new { e.Status, e.Queue, e.Priority });
        b.HasIndex(e => e.ConversationId);
        b.HasOne(e => e.Conversation).WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Agent).WithMany().HasForeignKey(e => e.AgentId).OnDelete(DeleteBehavior.SetNull);
    }
}

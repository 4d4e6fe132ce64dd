using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CrmBot.Core.Customers;

namespace CrmBot.Core.Conversations;

public enum ConversationStatus { Open, Escalated, Closed }

public enum ConversationOwner { Bot, Agent }

public class Conversation
{
    public Guid Id { get; set; }
    public required string Channel { get; set; }
    /// <summary>The channel's own id for the conversation (Direct Line conversation id, Teams conversation id…).</summary>
    public required string ChannelConversationId { get; set; }
    public int? ChannelAccountId { get; set; }
    public ChannelAccount? ChannelAccount { get; set; }
    public int? CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public ConversationStatus Status { get; set; }
    public ConversationOwner Owner { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    /// <summary>Serialized <see cref="Dialogs.DialogState"/>: kept in the store so a restart or another instance continues the dialog.</summary>
    public string? DialogState { get; set; }
    /// <summary>Rolling conversation-level sentiment in [-1, 1] over the last customer turns.</summary>
    public double Sentiment { get; set; }
    public int ConsecutiveFallbacks { get; set; }
    public int ConsecutiveNegativeTurns { get; set; }
    public int VerificationAttempts { get; set; }
    public int CustomerTurns { get; set; }
    /// <summary>The last business intent the customer raised (not small talk): picks the skill queue when they ask for a person.</summary>
    public string? Topic { get; set; }
    /// <summary>Where the channel takes messages for this conversation (Bot Connector service URL); needed to reach the customer outside a turn.</summary>
    public string? ServiceUrl { get; set; }
    /// <summary>The bot's account id on the channel (Teams: 28:app-id), the sender of proactive messages.</summary>
    public string? BotAccountId { get; set; }
    public string? TenantId { get; set; }
    /// <summary>Set after an agent resolves: the customer's next message may be the 1–5 satisfaction rating for this escalation.</summary>
    public int? CsatEscalationId { get; set; }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.ToTable("Conversations");
        b.Property(c => c.Channel).HasMaxLength(40);
        b.Property(c => c.ChannelConversationId).HasMaxLength(200);
        b.HasIndex(c => new { c.Channel, c.ChannelConversationId }).IsUnique();
        b.HasIndex(c => c.CustomerId);
        b.HasIndex(c => c.LastActivityAt);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Owner).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.DialogState).HasMaxLength(8000);
        b.Property(c => c.Topic).HasMaxLength(60);
        b.Property(c => c.ServiceUrl).HasMaxLength(500);
        b.Property(c => c.BotAccountId).HasMaxLength(200);
        b.Property(c => c.TenantId).HasMaxLength(100);
        b.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(c => c.ChannelAccount).WithMany().HasForeignKey(c => c.ChannelAccountId).OnDelete(DeleteBehavior.SetNull);
    }
}

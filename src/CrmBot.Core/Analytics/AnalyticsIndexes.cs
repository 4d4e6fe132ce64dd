using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Analytics;

/// <summary>
/// Indexes for the supervisor's analytics, kept beside the queries that need them (EF Core applies every
/// configuration of an entity). Measured on 100,000 conversations and 1,000,000 interactions (README, "Supervisor
/// analytics"). The customer-message index by time holds every column the message figures read, so they never touch
/// the table rows with their texts and JSON; the one by intent and label finds an intent's most recent negative
/// messages (and, with the conversation, those matching a filter) without scanning the period. Both are partial, so
/// bot and agent messages do not make them bigger.
/// </summary>
public static class AnalyticsIndexes
{
    public const string CustomerMessages = "IX_Interactions_Analytics_CustomerMessages";
    public const string CustomerMessagesByIntent = "IX_Interactions_Analytics_CustomerMessagesByIntent";
    public const string AgentMessages = "IX_Interactions_Analytics_AgentMessages";

    internal sealed class InteractionIndexes : IEntityTypeConfiguration<Interaction>
    {
        public void Configure(EntityTypeBuilder<Interaction> b)
        {
            b.HasIndex(i => new { i.Timestamp, i.Intent, i.SentimentLabel, i.SentimentScore, i.ConversationId }, CustomerMessages)
                .HasFilter("\"Author\" = 'Customer'");
            b.HasIndex(i => new { i.Intent, i.SentimentLabel, i.Timestamp, i.ConversationId }, CustomerMessagesByIntent)
                .HasFilter("\"Author\" = 'Customer'");
            b.HasIndex(i => new { i.Timestamp, i.AgentId, i.ConversationId }, AgentMessages)
                .HasFilter("\"Author\" = 'Agent'");
        }
    }

    internal sealed class ConversationIndexes : IEntityTypeConfiguration<Conversation>
    {
        public void Configure(EntityTypeBuilder<Conversation> b) => b.HasIndex(c => c.StartedAt);
    }

    internal sealed class EscalationIndexes : IEntityTypeConfiguration<Escalation>
    {
        public void Configure(EntityTypeBuilder<Escalation> b) => b.HasIndex(e => e.CreatedAt);
    }
}

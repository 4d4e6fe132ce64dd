using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Analytics;

/// <summary>
/// The rows a figure counts, filtered as <see cref="AnalyticsFilter"/> describes, as untracked queries to aggregate in
/// SQL. Joins and sub-queries are only added for the filters that are set. The author of a message is always a
/// constant in the SQL, so SQLite can use the partial indexes of <see cref="AnalyticsIndexes"/>; "conversations with an
/// escalation in this queue" and the like are <c>IN (SELECT …)</c> lists, which SQLite builds once per query rather
/// than probing for every row.
/// </summary>
internal static class AnalyticsScope
{
    /// <summary>Conversations started in the period in which the customer said something.</summary>
    public static IQueryable<Conversation> Conversations(CrmDbContext db, AnalyticsFilter filter)
    {
        var (start, end) = (filter.Period.Start, filter.Period.End);
        var query = db.Conversations.AsNoTracking().Where(c => c.StartedAt >= start && c.StartedAt < end && c.CustomerTurns > 0);
        if (filter.Channel is { } channel)
        {
            query = query.Where(c => c.Channel == channel);
        }
        if (filter.Segment is { } segment)
        {
            query = query.Where(c => c.Customer!.Segment == segment);
        }
        if (filter.Tier is { } tier)
        {
            query = query.Where(c => c.Customer!.Tier == tier);
        }
        if (filter.Intent is not null)
        {
            var raisedIntent = RaisedIntent(db, filter);
            query = query.Where(c => raisedIntent.Contains(c.Id));
        }
        if (EscalatedThere(db, filter) is { } escalatedThere)
        {
            query = query.Where(c => escalatedThere.Contains(c.Id));
        }
        return query;
    }

    /// <summary>The customer's messages sent in the period (of the filter's intent, when it has one).</summary>
    public static IQueryable<Interaction> CustomerMessages(CrmDbContext db, AnalyticsFilter filter)
    {
        var (start, end) = (filter.Period.Start, filter.Period.End);
        var query = db.Interactions.AsNoTracking().Where(i => i.Author == InteractionAuthor.Customer && i.Timestamp >= start && i.Timestamp < end);
        if (filter.Intent is { } intent)
        {
            query = query.Where(i => i.Intent == intent);
        }
        if (EscalatedThere(db, filter) is { } escalatedThere)
        {
            query = query.Where(i => escalatedThere.Contains(i.ConversationId));
        }
        return OfConversations(query, filter);
    }

    /// <summary>The agents' messages sent in the period (by the filter's agent), in conversations where the customer raised the filter's intent.</summary>
    public static IQueryable<Interaction> AgentMessages(CrmDbContext db, AnalyticsFilter filter)
    {
        var (start, end) = (filter.Period.Start, filter.Period.End);
        var query = db.Interactions.AsNoTracking().Where(i => i.Author == InteractionAuthor.Agent && i.Timestamp >= start && i.Timestamp < end);
        if (filter.AgentId is { } agentId)
        {
            query = query.Where(i => i.AgentId == agentId);
        }
        if (filter.Queue is { } queue)
        {
            var inQueue = db.Escalations.Where(e => e.Queue == queue).Select(e => e.ConversationId);
            query = query.Where(i => inQueue.Contains(i.ConversationId));
        }
        if (filter.Intent is not null)
        {
            var raisedIntent = RaisedIntent(db, filter);
            query = query.Where(i => raisedIntent.Contains(i.ConversationId));
        }
        return OfConversations(query, filter);
    }

    /// <summary>Escalations created in the period (in the filter's queue and with its agent, when set).</summary>
    public static IQueryable<Escalation> Escalations(CrmDbContext db, AnalyticsFilter filter)
    {
        var (start, end) = (filter.Period.Start, filter.Period.End);
        var query = db.Escalations.AsNoTracking().Where(e => e.CreatedAt >= start && e.CreatedAt < end);
        if (filter.Queue is { } queue)
        {
            query = query.Where(e => e.Queue == queue);
        }
        if (filter.AgentId is { } agentId)
        {
            query = query.Where(e => e.AgentId == agentId);
        }
        if (filter.Channel is { } channel)
        {
            query = query.Where(e => e.Conversation!.Channel == channel);
        }
        if (filter.Segment is { } segment)
        {
            query = query.Where(e => e.Conversation!.Customer!.Segment == segment);
        }
        if (filter.Tier is { } tier)
        {
            query = query.Where(e => e.Conversation!.Customer!.Tier == tier);
        }
        if (filter.Intent is not null)
        {
            var raisedIntent = RaisedIntent(db, filter);
            query = query.Where(e => raisedIntent.Contains(e.ConversationId));
        }
        return query;
    }

    // Conversations in which the customer raised the filter's intent. Their messages come after the period's start, so
    // only those are looked at; a conversation started just before the end may run past it.
    private static IQueryable<Guid> RaisedIntent(CrmDbContext db, AnalyticsFilter filter)
    {
        var (start, intent) = (filter.Period.Start, filter.Intent);
        return db.Interactions.Where(i => i.Author == InteractionAuthor.Customer && i.Timestamp >= start && i.Intent == intent).Select(i => i.ConversationId);
    }

    // Conversations with an escalation in the filter's queue and with its agent, or null when neither is set.
    private static IQueryable<Guid>? EscalatedThere(CrmDbContext db, AnalyticsFilter filter)
    {
        if (filter.Queue is null && filter.AgentId is null)
        {
            return null;
        }
        var escalations = db.Escalations.AsQueryable();
        if (filter.Queue is { } queue)
        {
            escalations = escalations.Where(e => e.Queue == queue);
        }
        if (filter.AgentId is { } agentId)
        {
            escalations = escalations.Where(e => e.AgentId == agentId);
        }
        return escalations.Select(e => e.ConversationId);
    }

    private static IQueryable<Interaction> OfConversations(IQueryable<Interaction> query, AnalyticsFilter filter)
    {
        if (filter.Channel is { } channel)
        {
            query = query.Where(i => i.Conversation!.Channel == channel);
        }
        if (filter.Segment is { } segment)
        {
            query = query.Where(i => i.Conversation!.Customer!.Segment == segment);
        }
        if (filter.Tier is { } tier)
        {
            query = query.Where(i => i.Conversation!.Customer!.Tier == tier);
        }
        return query;
    }
}

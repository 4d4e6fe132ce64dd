using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Analytics;

/// <summary>
/// The rows a figure counts, filtered as <see cref="AnalyticsFilter"/> describes, as untracked queries to aggregate in
/// SQL. Joins and sub-queries are only added for the filters that are set.
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
        if (filter.Intent is { } intent)
        {
            query = query.Where(c => db.Interactions.Any(i => i.ConversationId == c.Id && i.Author == InteractionAuthor.Customer && i.Intent == intent));
        }
        if (filter.Queue is { } queue)
        {
            query = query.Where(c => db.Escalations.Any(e => e.ConversationId == c.Id && e.Queue == queue));
        }
        if (filter.AgentId is { } agentId)
        {
            query = query.Where(c => db.Escalations.Any(e => e.ConversationId == c.Id && e.AgentId == agentId));
        }
        return query;
    }

    /// <summary>The customer's messages sent in the period (of the filter's intent, when it has one).</summary>
    public static IQueryable<Interaction> CustomerMessages(CrmDbContext db, AnalyticsFilter filter)
    {
        var query = Messages(db, filter, InteractionAuthor.Customer);
        return filter.Intent is { } intent ? query.Where(i => i.Intent == intent) : query;
    }

    /// <summary>The agents' messages sent in the period, in conversations where the customer raised the filter's intent.</summary>
    public static IQueryable<Interaction> AgentMessages(CrmDbContext db, AnalyticsFilter filter)
    {
        var query = Messages(db, filter, InteractionAuthor.Agent);
        if (filter.AgentId is { } agentId)
        {
            query = query.Where(i => i.AgentId == agentId);
        }
        return filter.Intent is { } intent
            ? query.Where(m => db.Interactions.Any(i => i.ConversationId == m.ConversationId && i.Author == InteractionAuthor.Customer && i.Intent == intent))
            : query;
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
        if (filter.Intent is { } intent)
        {
            query = query.Where(e => db.Interactions.Any(i => i.ConversationId == e.ConversationId && i.Author == InteractionAuthor.Customer && i.Intent == intent));
        }
        return query;
    }

    // Filters of the conversation a message belongs to; the intent filter is the caller's, as it differs by author.
    private static IQueryable<Interaction> Messages(CrmDbContext db, AnalyticsFilter filter, InteractionAuthor author)
    {
        var (start, end) = (filter.Period.Start, filter.Period.End);
        var query = db.Interactions.AsNoTracking().Where(i => i.Author == author && i.Timestamp >= start && i.Timestamp < end);
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
        if (filter.Queue is { } queue)
        {
            query = query.Where(i => db.Escalations.Any(e => e.ConversationId == i.ConversationId && e.Queue == queue));
        }
        if (filter.AgentId is { } agentId && author == InteractionAuthor.Customer)
        {
            query = query.Where(i => db.Escalations.Any(e => e.ConversationId == i.ConversationId && e.AgentId == agentId));
        }
        return query;
    }
}

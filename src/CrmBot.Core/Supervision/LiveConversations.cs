using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Supervision;

/// <summary>
/// What the supervisor's live view reads: the active conversations (a message within <see cref="SupervisorOptions.ActiveWindow"/>,
/// not closed) with their owner, mood and times, the alerts, one transcript, the agents to assign to. Every query is
/// filtered and bounded in the database. Read-only; a DI singleton working on the context it is given.
/// </summary>
public sealed class LiveConversations(IOptions<SupervisorOptions> options, TimeProvider time)
{
    /// <summary>The most unacknowledged alerts the view lists.</summary>
    public const int MaxAlerts = 50;

    public async Task<LiveView> ListAsync(CrmDbContext db, LiveFilter filter, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var active = Active(db, now);
        var rows = await RowsAsync(db, Filtered(db, active, filter), o.MaxConversations + 1, now, ct);
        var channels = await active.Select(c => c.Channel).Distinct().OrderBy(c => c).ToListAsync(ct);
        return new LiveView(now, o.ActiveWindow, rows.Take(o.MaxConversations).ToList(), rows.Count > o.MaxConversations,
            await AlertsAsync(db, now, ct), channels, new LiveSettings(o.AlertThreshold, o.SteepDrop, o.DropWindow, o.RecoverAt, o.TrendPoints));
    }

    /// <summary>Rows for live updates: the given conversations as they stand, whether active or not (the page drops inactive ones).</summary>
    public async Task<IReadOnlyList<LiveConversation>> RowsAsync(CrmDbContext db, IReadOnlyCollection<Guid> conversationIds, CancellationToken ct) =>
        await RowsAsync(db, db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id)), conversationIds.Count, time.GetUtcNow(), ct);

    public async Task<LiveConversation?> RowAsync(CrmDbContext db, Guid conversationId, CancellationToken ct) =>
        (await RowsAsync(db, [conversationId], ct)).FirstOrDefault();

    /// <summary>Whether a row still belongs on the live list.</summary>
    public bool IsActive(LiveConversation row) =>
        row.Status != nameof(ConversationStatus.Closed) && row.LastActivityAt >= time.GetUtcNow() - options.Value.ActiveWindow;

    public async Task<LiveTranscript?> TranscriptAsync(CrmDbContext db, Guid conversationId, CancellationToken ct) =>
        await RowAsync(db, conversationId, ct) is { } row ? new LiveTranscript(row, await AgentDesk.TranscriptAsync(db, conversationId, ct)) : null;

    public async Task<IReadOnlyList<LiveAlert>> AlertsAsync(CrmDbContext db, IReadOnlyCollection<int> alertIds, CancellationToken ct) =>
        await AlertQuery(db, db.SupervisorAlerts.Where(a => alertIds.Contains(a.Id))).ToListAsync(ct);

    public async Task<IReadOnlyList<AssignableAgent>> AgentsAsync(CrmDbContext db, CancellationToken ct)
    {
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.DisplayName).ToListAsync(ct);
        var load = await db.Escalations.AsNoTracking().Where(e => e.AgentId != null && Escalation.HeldStatuses.Contains(e.Status))
            .GroupBy(e => e.AgentId!.Value).Select(g => new { AgentId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.AgentId, x => x.Count, ct);
        return agents.Select(a => new AssignableAgent(a.Id, a.DisplayName, a.SkillList, a.Presence.ToString(), load.GetValueOrDefault(a.Id), a.Capacity)).ToList();
    }

    private IQueryable<Conversation> Active(CrmDbContext db, DateTimeOffset now)
    {
        var since = now - options.Value.ActiveWindow;
        return db.Conversations.AsNoTracking().Where(c => c.Status != ConversationStatus.Closed && c.LastActivityAt >= since);
    }

    private static IQueryable<Conversation> Filtered(CrmDbContext db, IQueryable<Conversation> query, LiveFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Channel))
        {
            query = query.Where(c => c.Channel == filter.Channel);
        }
        if (filter.SentimentBelow is { } below)
        {
            query = query.Where(c => c.Sentiment < below);
        }
        if (filter.EscalatedOnly)
        {
            query = query.Where(c => c.Status == ConversationStatus.Escalated);
        }
        // An open escalation is what makes a conversation Escalated; its agent owns it once they accepted.
        return filter.Owner?.Trim().ToLowerInvariant() switch
        {
            null or "" => query,
            "bot" => query.Where(c => c.Status != ConversationStatus.Escalated),
            "waiting" => query.Where(c => c.Status == ConversationStatus.Escalated && c.Owner == ConversationOwner.Bot),
            "agent" => query.Where(c => c.Owner == ConversationOwner.Agent),
            var id when int.TryParse(id, out var agentId) => query.Where(c => db.Set<Escalation>()
                .Any(e => e.ConversationId == c.Id && e.AgentId == agentId && Escalation.HeldStatuses.Contains(e.Status))),
            _ => query.Where(_ => false),
        };
    }

    /// <summary>The owner filter's values besides an agent's id.</summary>
    public static readonly IReadOnlyList<string> OwnerFilters = ["bot", "waiting", "agent"];

    public static bool IsOwnerFilter(string? value) =>
        string.IsNullOrWhiteSpace(value) || OwnerFilters.Contains(value.Trim().ToLowerInvariant()) || int.TryParse(value, out _);

    private async Task<List<LiveConversation>> RowsAsync(CrmDbContext db, IQueryable<Conversation> conversations, int limit, DateTimeOffset now, CancellationToken ct)
    {
        // Set<T>(): an expression tree cannot hold the extension properties (db.Interactions) the tables are declared as.
        var rows = await conversations.OrderByDescending(c => c.LastActivityAt).Take(limit)
            .Select(c => new
            {
                c.Id, c.Channel, c.Status, c.Sentiment, c.StartedAt, c.LastActivityAt, c.CustomerId, c.CustomerTurns,
                Customer = db.Set<Customer>().Where(x => x.Id == c.CustomerId).Select(x => new { x.FirstName, x.LastName, x.Tier }).FirstOrDefault(),
                Intent = db.Set<Interaction>().Where(i => i.ConversationId == c.Id && i.Author == InteractionAuthor.Customer && i.Intent != null)
                    .OrderByDescending(i => i.Id).Select(i => i.Intent).FirstOrDefault(),
                Escalation = db.Set<Escalation>().Where(e => e.ConversationId == c.Id && Escalation.OpenStatuses.Contains(e.Status))
                    .OrderByDescending(e => e.Id)
                    .Select(e => new { e.Id, e.Reference, e.Status, e.Queue, e.Reason, e.CreatedAt, e.AssignedAt, e.AcceptedAt, e.AgentId, AgentName = e.Agent!.DisplayName })
                    .FirstOrDefault(),
                AlertId = db.Set<SupervisorAlert>().Where(a => a.ConversationId == c.Id && a.ClearedAt == null).OrderByDescending(a => a.Id)
                    .Select(a => (int?)a.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(r => r.Id).ToList();
        var trends = await TrendsAsync(db, ids, ct);
        var alertIds = rows.Where(r => r.AlertId is not null).Select(r => r.AlertId!.Value).ToList();
        var alerts = alertIds.Count == 0 ? [] : (await AlertsAsync(db, alertIds, ct)).ToDictionary(a => a.ConversationId);
        return rows.Select(r =>
        {
            var e = r.Escalation;
            var owner = e is null ? new LiveOwner(OwnerKind.Bot, null, null, null)
                : e.Status == EscalationStatus.Active ? new LiveOwner(OwnerKind.Agent, e.AgentId, e.AgentName, e.Queue)
                : e.Status == EscalationStatus.Assigned ? new LiveOwner(OwnerKind.Offered, e.AgentId, e.AgentName, e.Queue)
                : new LiveOwner(OwnerKind.Waiting, null, null, e.Queue);
            return new LiveConversation(
                r.Id, r.Channel, r.Status.ToString(),
                r.Customer is null ? AgentDesk.Guest : r.Customer.FirstName + " " + r.Customer.LastName, r.CustomerId, r.Customer?.Tier.ToString(),
                r.Intent, owner, r.Sentiment, AgentDesk.SentimentLabel(r.Sentiment), trends.GetValueOrDefault(r.Id) ?? [],
                e is null ? null : new LiveEscalation(e.Id, e.Reference, e.Status.ToString(), e.Queue, e.Reason.ToString(), e.CreatedAt, e.AssignedAt, e.AcceptedAt),
                e is { AcceptedAt: null } ? Seconds(now - e.CreatedAt) : null,
                e is { Status: EscalationStatus.Active, AcceptedAt: { } accepted } ? Seconds(now - accepted) : null,
                r.CustomerTurns, r.StartedAt, r.LastActivityAt, alerts.GetValueOrDefault(r.Id));
        }).ToList();
    }

    // The last few customer scores of each conversation in one query (a window function in SQLite), oldest first.
    private async Task<Dictionary<Guid, List<double>>> TrendsAsync(CrmDbContext db, List<Guid> ids, CancellationToken ct)
    {
        int points = options.Value.TrendPoints;
        var scores = await db.Interactions.AsNoTracking()
            .Where(i => ids.Contains(i.ConversationId) && i.Author == InteractionAuthor.Customer && i.SentimentScore != null)
            .GroupBy(i => i.ConversationId)
            .Select(g => new { ConversationId = g.Key, Scores = g.OrderByDescending(i => i.Id).Take(points).Select(i => new { i.Id, Score = i.SentimentScore!.Value }).ToList() })
            .ToListAsync(ct);
        return scores.ToDictionary(s => s.ConversationId, s => s.Scores.OrderBy(x => x.Id).Select(x => Math.Round(x.Score, 3)).ToList());
    }

    private async Task<IReadOnlyList<LiveAlert>> AlertsAsync(CrmDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - options.Value.ActiveWindow;
        return await AlertQuery(db, db.SupervisorAlerts.Where(a => a.AcknowledgedAt == null && a.RaisedAt >= since)).ToListAsync(ct);
    }

    private static IQueryable<LiveAlert> AlertQuery(CrmDbContext db, IQueryable<SupervisorAlert> alerts) =>
        alerts.AsNoTracking()
            .Join(db.Set<Conversation>(), a => a.ConversationId, c => c.Id, (a, c) => new { a, c.Channel, c.CustomerId })
            .OrderByDescending(x => x.a.Id).Take(MaxAlerts)
            .Select(x => new LiveAlert(x.a.Id, x.a.ConversationId, x.a.Kind.ToString(), x.a.Sentiment, x.a.Drop, x.a.RaisedAt, x.a.AcknowledgedAt,
                x.a.AcknowledgedBy, x.a.ClearedAt != null,
                db.Set<Customer>().Where(k => k.Id == x.CustomerId).Select(k => k.FirstName + " " + k.LastName).FirstOrDefault() ?? AgentDesk.Guest,
                x.Channel));

    private static double Seconds(TimeSpan span) => Math.Max(0, Math.Round(span.TotalSeconds));
}

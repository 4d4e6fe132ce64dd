using CrmBot.Core.Agents;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Escalations;

/// <summary>
/// Hands waiting escalations to agents: most urgent first (priority, aged by waiting time), each to the least-loaded
/// available agent who has the queue's skill and free capacity. Takes back assignments an agent did not accept in time
/// or whose agent went offline. All state is in the store, so a restart keeps queues and assignments. Stateless; a singleton.
/// </summary>
public sealed class EscalationRouter(IOptions<EscalationOptions> options, TimeProvider time, ILogger<EscalationRouter> logger)
{
    /// <summary>
    /// Returns assignments that timed out or lost their agent to the queue; returns how many. An agent who let an
    /// assignment time out is set Away: they are evidently not at their desk, and would otherwise get the next one too.
    /// </summary>
    public async Task<int> RequeueAsync(CrmDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var deadline = now - options.Value.AcceptTimeout;
        var stale = await db.Escalations.Include(e => e.Agent)
            .Where(e => e.Status == EscalationStatus.Assigned && (e.AssignedAt < deadline || e.Agent!.Presence != AgentPresence.Available))
            .ToListAsync(ct);
        foreach (var escalation in stale)
        {
            var agent = escalation.Agent!;
            bool timedOut = agent.Presence == AgentPresence.Available;
            logger.LogInformation("Escalation {Reference} back to the {Queue} queue: {Why} by agent {AgentId}",
                escalation.Reference, escalation.Queue, timedOut ? "not accepted in time" : "agent went " + agent.Presence, agent.Id);
            if (timedOut)
            {
                agent.Presence = AgentPresence.Away;
                agent.PresenceChangedAt = now;
            }
            escalation.Requeue(now, timedOut ? "not accepted in time" : "agent " + agent.Presence.ToString().ToLowerInvariant());
        }
        await db.SaveChangesAsync(ct);
        return stale.Count;
    }

    /// <summary>Assigns as many waiting escalations as agents can take; returns the assignments made.</summary>
    public async Task<IReadOnlyList<Escalation>> AssignAsync(CrmDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var agents = await db.Agents.Where(a => a.Presence == AgentPresence.Available).ToListAsync(ct);
        if (agents.Count == 0)
        {
            return [];
        }
        var load = await db.Escalations.Where(e => e.AgentId != null && Escalation.HeldStatuses.Contains(e.Status))
            .GroupBy(e => e.AgentId!.Value).Select(g => new { AgentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.AgentId, x => x.Count, ct);
        var waiting = await db.Escalations.Where(e => e.Status == EscalationStatus.Pending).ToListAsync(ct);
        var assigned = new List<Escalation>();
        foreach (var escalation in waiting.OrderBy(e => EffectivePriority(e, now)).ThenBy(e => e.CreatedAt))
        {
            var agent = agents
                .Where(a => CanServe(a, escalation.Queue) && load.GetValueOrDefault(a.Id) < a.Capacity)
                .OrderBy(a => load.GetValueOrDefault(a.Id))
                .ThenBy(a => a.Id)
                .FirstOrDefault();
            if (agent is null)
            {
                continue;
            }
            escalation.Assign(agent.Id, now);
            load[agent.Id] = load.GetValueOrDefault(agent.Id) + 1;
            assigned.Add(escalation);
        }
        await db.SaveChangesAsync(ct);
        return assigned;
    }

    /// <summary>
    /// Where an escalation stands: its place in its queue (1 = next) and, when recent hand-offs in that queue tell us,
    /// the expected wait: the median recent wait, times the place, shared among the agents who can take it.
    /// </summary>
    public async Task<QueueStatus> StatusAsync(CrmDbContext db, Escalation escalation, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var queue = await db.Escalations.Where(e => e.Status == EscalationStatus.Pending && e.Queue == escalation.Queue && e.Id != escalation.Id).ToListAsync(ct);
        int mine = EffectivePriority(escalation, now);
        int ahead = queue.Count(e => EffectivePriority(e, now) < mine || (EffectivePriority(e, now) == mine && e.CreatedAt < escalation.CreatedAt));
        var recent = await db.Escalations
            .Where(e => e.Queue == escalation.Queue && e.AcceptedAt != null)
            .OrderByDescending(e => e.Id).Take(RecentWaits)
            .Select(e => new { e.CreatedAt, e.AcceptedAt })
            .ToListAsync(ct);
        if (recent.Count == 0)
        {
            return new QueueStatus(ahead + 1, null);
        }
        var waits = recent.Select(e => e.AcceptedAt!.Value - e.CreatedAt).Order().ToList();
        var median = waits[waits.Count / 2];
        var agents = (await db.Agents.Where(a => a.Presence == AgentPresence.Available).ToListAsync(ct)).Count(a => CanServe(a, escalation.Queue));
        return new QueueStatus(ahead + 1, median * (ahead + 1) / Math.Max(1, agents));
    }

    /// <summary>How many recent accepted hand-offs the wait estimate looks at.</summary>
    public const int RecentWaits = 20;

    /// <summary>Priority after ageing: one step more urgent per <see cref="EscalationOptions.PriorityAgeing"/> waited, never below 0.</summary>
    public int EffectivePriority(Escalation escalation, DateTimeOffset now) => EffectivePriority(escalation.Priority, escalation.CreatedAt, now);

    public int EffectivePriority(int priority, DateTimeOffset createdAt, DateTimeOffset now) =>
        Math.Max(0, priority - (int)((now - createdAt) / options.Value.PriorityAgeing));

    /// <summary>The general queue is everyone's; other queues need the skill.</summary>
    public bool CanServe(Agent agent, string queue) =>
        queue == options.Value.DefaultQueue || agent.SkillList.Contains(queue, StringComparer.OrdinalIgnoreCase);

    /// <summary>Open conversations an agent holds (assigned or active), the measure of load against capacity.</summary>
    public static Task<int> LoadAsync(CrmDbContext db, int agentId, CancellationToken ct) =>
        db.Escalations.CountAsync(e => e.AgentId == agentId && Escalation.HeldStatuses.Contains(e.Status), ct);
}

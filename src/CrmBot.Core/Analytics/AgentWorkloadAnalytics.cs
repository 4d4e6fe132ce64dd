using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Analytics;

/// <summary>Escalations and messages per agent; every agent is listed, idle ones with zeros. Stateless; thread-safe.</summary>
public sealed class AgentWorkloadAnalytics
{
    public async Task<AgentWorkload> WorkloadAsync(CrmDbContext db, AnalyticsFilter filter, CancellationToken ct)
    {
        var escalations = await AnalyticsScope.Escalations(db, filter)
            .Where(e => e.AgentId != null)
            .GroupBy(e => e.AgentId!.Value)
            .Select(g => new
            {
                AgentId = g.Key,
                Assigned = g.Count(),
                Accepted = g.Count(e => e.AcceptedAt != null),
                Resolved = g.Count(e => e.Status == EscalationStatus.Resolved && e.Disposition != Dispositions.HandedBack),
                HandedBack = g.Count(e => e.Status == EscalationStatus.Resolved && e.Disposition == Dispositions.HandedBack),
                Handled = g.Count(e => e.AcceptedAt != null && e.ResolvedAt != null),
                HandleUnits = g.Where(e => e.AcceptedAt != null && e.ResolvedAt != null)
                    .Sum(e => StoredTime.Units(e.ResolvedAt!.Value) - StoredTime.Units(e.AcceptedAt!.Value)),
                Rated = g.Count(e => e.Csat != null),
                CsatSum = g.Sum(e => e.Csat ?? 0),
            })
            .ToDictionaryAsync(r => r.AgentId, ct);
        var messages = await AnalyticsScope.AgentMessages(db, filter)
            .Where(i => i.AgentId != null)
            .GroupBy(i => i.AgentId!.Value)
            .Select(g => new { AgentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.AgentId, r => r.Count, ct);
        var agents = db.Agents.AsNoTracking();
        if (filter.AgentId is { } only)
        {
            agents = agents.Where(a => a.Id == only);
        }

        return new AgentWorkload((await agents.Select(a => new { a.Id, a.DisplayName }).ToListAsync(ct))
            .Select(a =>
            {
                var e = escalations.GetValueOrDefault(a.Id);
                return new AgentLoad(a.Id, a.DisplayName,
                    e?.Assigned ?? 0, e?.Accepted ?? 0, e?.Resolved ?? 0, e?.HandedBack ?? 0,
                    e is { Handled: > 0 } ? (double)e.HandleUnits / StoredTime.UnitsPerSecond / e.Handled : null,
                    e?.Rated ?? 0, e is { Rated: > 0 } ? (double)e.CsatSum / e.Rated : null,
                    messages.GetValueOrDefault(a.Id));
            })
            .OrderByDescending(a => a.Assigned).ThenByDescending(a => a.Messages).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList());
    }
}

using CrmBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmBot.Core.Escalations;

/// <summary>
/// Runs the router on a timer: returns stale assignments to the queue, then assigns what waits. Each pass reads and
/// writes the store only, so several instances can run it (the unique states make double assignment visible, not silent).
/// </summary>
public sealed class EscalationAssignmentService(IServiceScopeFactory scopes, EscalationRouter router, ISharedWorkLease lease, TimeProvider time, ILogger<EscalationAssignmentService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Several instances: one routes at a time, so an escalation is not assigned twice by two passes at once.
            if (!lease.IsHeld)
            {
                continue;
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
                // The consoles hear of what moved from the saves (conversation events).
                await router.RequeueAsync(db, stoppingToken);
                await router.AssignAsync(db, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed pass (a locked database, a conflict) must not stop assignment for good; the next tick retries.
                logger.LogWarning(e, "Escalation assignment pass failed");
            }
        }
    }
}

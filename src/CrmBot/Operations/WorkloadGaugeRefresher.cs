using CrmBot.Core.Storage;
using CrmBot.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace CrmBot.Operations;

/// <summary>
/// Counts the waiting escalations and active conversations for <see cref="WorkloadGauges"/> every
/// <c>Telemetry:GaugeRefreshInterval</c>: two small queries per interval however often the gauges are scraped.
/// </summary>
public sealed class WorkloadGaugeRefresher(
    WorkloadGauges gauges, IServiceScopeFactory scopes, IOptions<TelemetryOptions> options, TimeProvider time, ILogger<WorkloadGaugeRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GaugeRefreshInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await gauges.RefreshAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or unreachable store: the gauges keep the last counts and the next tick tries again.
                logger.LogWarning(e, "Counting the workload for the gauges failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

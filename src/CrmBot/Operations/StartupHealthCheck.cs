using CrmBot.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmBot.Operations;

/// <summary>Unhealthy until start-up is done: the store migrated and seeded, the models trained or loaded.</summary>
public sealed class StartupHealthCheck(AppInitializer initializer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(initializer.Completed
            ? HealthCheckResult.Healthy("Start-up done")
            : HealthCheckResult.Unhealthy("Starting: migrating, seeding or training"));
}

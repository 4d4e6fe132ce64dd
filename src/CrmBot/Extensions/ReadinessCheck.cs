using CrmBot.Core.Understanding;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmBot.Extensions;

/// <summary>Healthy once the store is migrated and the models are loaded.</summary>
public sealed class ReadinessCheck(MessageUnderstander understander) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(understander.IsReady ? HealthCheckResult.Healthy("Store and models ready") : HealthCheckResult.Unhealthy("Starting: models not loaded yet"));
}

using CrmBot.Core.Understanding;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmBot.Operations;

/// <summary>Healthy once the intent and sentiment models are loaded, so a message can be understood.</summary>
public sealed class ModelsHealthCheck(MessageUnderstander understander) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(understander.IsReady ? HealthCheckResult.Healthy("Models loaded") : HealthCheckResult.Unhealthy("Models not loaded yet"));
}

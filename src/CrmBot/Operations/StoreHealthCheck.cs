using CrmBot.Core.Storage;
using CrmBot.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmBot.Operations;

/// <summary>
/// Healthy when the store answers now. Not asked before start-up is done: opening a SQLite store that start-up has not
/// created yet would create an empty file in its way.
/// </summary>
public sealed class StoreHealthCheck(IServiceScopeFactory scopes, AppInitializer initializer) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!initializer.Completed)
        {
            return HealthCheckResult.Unhealthy("Store not migrated yet");
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        // The reason stays in the log: the probe's answer is public and must not describe the store.
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("Store reachable")
            : HealthCheckResult.Unhealthy("Store not reachable");
    }
}

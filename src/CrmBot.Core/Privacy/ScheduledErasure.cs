using CrmBot.Core.Customers;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Privacy;

/// <summary>
/// Carries out erasures asked for in chat once their grace period (<see cref="PrivacyOptions.ErasureGracePeriod"/>) is
/// over, every <see cref="PrivacyOptions.ErasureSweepInterval"/>. A customer who changed their mind in the meantime
/// has had <see cref="Customer.MarkedForDeletionAt"/> cleared by staff and is left alone.
/// </summary>
public sealed partial class ScheduledErasure(IServiceScopeFactory scopes, PrivacyDesk desk, ISharedWorkLease lease, TimeProvider time, ILogger<ScheduledErasure> logger) : BackgroundService
{
    public const string Channel = "grace-period";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(desk.Options.ErasureSweepInterval, time);
        do
        {
            if (!lease.IsHeld)
            {
                continue;
            }
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Erases every customer whose grace period has run out; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var now = time.GetUtcNow();
        var cutoff = now - desk.Options.ErasureGracePeriod;
        var due = await db.Customers.Where(c => c.ErasedAt == null && c.MarkedForDeletionAt != null && c.MarkedForDeletionAt <= cutoff).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in due)
        {
            await desk.EraseNowAsync(db, id, new PrivacyRequester("customer", Channel), now, ct);
        }
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled erasures failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmBot.Core.DirectLine;
using CrmBot.Core.Inbox;

namespace CrmBot.Core.DirectLine;

/// <summary>
/// Deletes raw channel payloads older than <see cref="StorageOptions.ChannelPayloadRetentionDays"/>: Direct Line
/// activity logs (masked, but still the customer's words as typed) and finished inbox rows. The CRM's record of the
/// conversation (Interactions) is kept. Runs at start and then every hour.
/// </summary>
public sealed partial class ChannelPayloadRetention(
    IServiceScopeFactory scopes, IOptions<StorageOptions> options, ISharedWorkLease lease, TimeProvider time, ILogger<ChannelPayloadRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            if (!lease.IsHeld)
            {
                continue;
            }
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes what is past retention; returns how many activities and inbox rows went.</summary>
    public async Task<(int Activities, int InboxRows)> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.ChannelPayloadRetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        // The conversation rows stay: their sequence counter keeps watermarks growing if a client comes back.
        int activities = await db.DirectLineActivities.Where(a => a.Timestamp < cutoff).ExecuteDeleteAsync(cancellationToken);
        int inbox = await db.InboxActivities.Where(a => a.CompletedAt != null && a.CompletedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (activities + inbox > 0)
        {
            LogPurged(logger, activities, inbox, options.Value.ChannelPayloadRetentionDays);
        }
        return (activities, inbox);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Activities} Direct Line activities and {InboxRows} finished inbox rows older than {Days} days")]
    private static partial void LogPurged(ILogger logger, int activities, int inboxRows, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not purge old channel payloads; trying again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

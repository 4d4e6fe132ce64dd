using CrmBot.BotFramework.Builder;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Inbox;

/// <summary>
/// The inbox of accepted activities in the CRM store (table <c>InboxActivities</c>). Scoped, like its context. With
/// several instances (<paramref name="instances"/>), each row names the instance that runs its turn.
/// </summary>
public sealed class EfActivityInbox(CrmDbContext db, TimeProvider time, ITurnInstances? instances = null) : IActivityInbox
{
    public async Task<long?> TryAdmitAsync(string channelId, string conversationId, string activityId, string activityJson, CancellationToken cancellationToken)
    {
        if (await IsKnownAsync(channelId, conversationId, activityId, cancellationToken))
        {
            return null;
        }
        var row = new InboxActivity
        {
            Channel = channelId,
            ConversationId = conversationId,
            ActivityId = activityId,
            ActivityJson = activityJson,
            ReceivedAt = time.GetUtcNow(),
            Attempts = 1,
            Owner = instances?.InstanceId,
        };
        db.InboxActivities.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return row.Id;
        }
        catch (DbUpdateException)
        {
            // The same activity arrived twice at once (a channel retrying while the first delivery was stored)?
            db.ChangeTracker.Clear();
            if (await IsKnownAsync(channelId, conversationId, activityId, CancellationToken.None))
            {
                return null;
            }
            throw;
        }
    }

    public async Task CompleteAsync(long pendingTurnId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        await CompleteAsync(db, pendingTurnId, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Completes the turn in <paramref name="context"/>'s open write transaction, so it commits with whatever else the caller writes.</summary>
    internal static Task CompleteAsync(CrmDbContext context, long pendingTurnId, DateTimeOffset now, CancellationToken cancellationToken) =>
        context.InboxActivities.Where(a => a.Id == pendingTurnId && a.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CompletedAt, now).SetProperty(a => a.ActivityJson, (string?)null), cancellationToken);

    public async Task<PendingTurns> ResumeAsync(int maxAttempts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var pending = await db.InboxActivities.Where(a => a.CompletedAt == null).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var resumed = new List<PendingTurn>();
        int givenUp = 0;
        foreach (var row in pending)
        {
            if (row.Attempts >= maxAttempts || row.ActivityJson is null)
            {
                row.CompletedAt = now;
                row.GivenUp = true;
                row.ActivityJson = null;
                givenUp++;
                continue;
            }
            row.Attempts++;
            resumed.Add(new PendingTurn(row.Id, row.Channel, row.ConversationId, row.ActivityJson));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PendingTurns(resumed, givenUp);
    }

    public async Task<PendingTurns> TakeOverAsync(ITurnInstances instances, int maxAttempts, CancellationToken cancellationToken)
    {
        var me = instances.InstanceId;
        var candidates = await db.InboxActivities.AsNoTracking()
            .Where(a => a.CompletedAt == null && (a.Owner == null || a.Owner != me))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Owner, a.Attempts, HasActivity = a.ActivityJson != null })
            .ToListAsync(cancellationToken);
        var alive = new Dictionary<string, bool>(StringComparer.Ordinal);
        var claimed = new List<long>();
        int givenUp = 0;
        foreach (var row in candidates)
        {
            if (row.Owner is { } owner)
            {
                if (!alive.TryGetValue(owner, out var isAlive))
                {
                    alive[owner] = isAlive = await instances.IsAliveAsync(owner, cancellationToken);
                }
                if (isAlive)
                {
                    continue;
                }
            }
            var now = time.GetUtcNow();
            // Compare-and-set on (owner, attempts): of two instances claiming at once, one updates the row, the other none.
            var mine = db.InboxActivities.Where(a => a.Id == row.Id && a.CompletedAt == null && a.Owner == row.Owner && a.Attempts == row.Attempts);
            if (row.Attempts >= maxAttempts || !row.HasActivity)
            {
                givenUp += await mine.ExecuteUpdateAsync(s => s.SetProperty(a => a.CompletedAt, now).SetProperty(a => a.GivenUp, true)
                    .SetProperty(a => a.ActivityJson, (string?)null).SetProperty(a => a.Owner, me), cancellationToken);
            }
            else if (await mine.ExecuteUpdateAsync(s => s.SetProperty(a => a.Owner, me).SetProperty(a => a.Attempts, row.Attempts + 1), cancellationToken) == 1)
            {
                claimed.Add(row.Id);
            }
        }
        if (claimed.Count == 0)
        {
            return new PendingTurns([], givenUp);
        }
        var turns = await db.InboxActivities.AsNoTracking()
            .Where(a => claimed.Contains(a.Id) && a.CompletedAt == null && a.ActivityJson != null)
            .OrderBy(a => a.Id)
            .Select(a => new PendingTurn(a.Id, a.Channel, a.ConversationId, a.ActivityJson!))
            .ToListAsync(cancellationToken);
        return new PendingTurns(turns, givenUp);
    }

    private Task<bool> IsKnownAsync(string channelId, string conversationId, string activityId, CancellationToken cancellationToken) =>
        db.InboxActivities.AnyAsync(a => a.Channel == channelId && a.ConversationId == conversationId && a.ActivityId == activityId, cancellationToken);
}

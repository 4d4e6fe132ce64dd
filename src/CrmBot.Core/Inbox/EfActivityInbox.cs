using CrmBot.BotFramework.Builder;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Inbox;

/// <summary>The inbox of accepted activities in the CRM store (table <c>InboxActivities</c>). Scoped, like its context.</summary>
public sealed class EfActivityInbox(CrmDbContext db, TimeProvider time) : IActivityInbox
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

    private Task<bool> IsKnownAsync(string channelId, string conversationId, string activityId, CancellationToken cancellationToken) =>
        db.InboxActivities.AnyAsync(a => a.Channel == channelId && a.ConversationId == conversationId && a.ActivityId == activityId, cancellationToken);
}

using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.DirectLine;
using CrmBot.Core.Inbox;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Core.DirectLine;

/// <summary>
/// The Direct Line conversation logs in the CRM store. Each call uses its own short-lived context from a new scope, so
/// the store is a thread-safe singleton and never shares a context with the bot's turn.
/// </summary>
public sealed class EfDirectLineStore(IServiceScopeFactory scopes, TimeProvider time, ITurnInstances? instances = null) : IDirectLineStore
{
    public async Task<StoredConversation?> FindConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        return await db.DirectLineConversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new StoredConversation(c.Id, c.UserId, c.CreatedAt, c.LastSequence))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> TryAddConversationAsync(StoredConversation conversation, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        if (await db.DirectLineConversations.AnyAsync(c => c.Id == conversation.Id, cancellationToken))
        {
            return false;
        }
        db.DirectLineConversations.Add(new DirectLineConversation
        {
            Id = conversation.Id,
            UserId = conversation.UserId,
            CreatedAt = conversation.CreatedAt,
            LastSequence = conversation.LastSequence,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Two first requests of the same token raced; the other one created it. Anything else is unexpected.
            if (await ExistsAsync(conversation.Id, cancellationToken))
            {
                return false;
            }
            throw;
        }
    }

    public async Task<bool> TryClaimUserAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var updated = await db.DirectLineConversations
            .Where(c => c.Id == conversationId && c.UserId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UserId, userId), cancellationToken);
        return updated == 1;
    }

    /// <summary>
    /// One transaction through the store's write gate: repeats are found by their idempotency key, then each new
    /// activity takes the next sequence number (the conversation's counter is bumped once for all of them), and the
    /// turns they start and the one they complete are written to the inbox with them. PostgreSQL's row lock on the
    /// counter and the (conversation, sequence) key keep concurrent appends in order across instances.
    /// </summary>
    public async Task<IReadOnlyList<AppendedActivity>> AppendActivitiesAsync(
        string conversationId, IReadOnlyList<ActivityAppend> appends, long? completesTurn, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var now = time.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var keys = appends.Where(a => a.MayRepeat).Select(a => a.IdempotencyKey).OfType<string>().ToList();
        if (keys.Count > 0 && !db.Database.IsSqlite())
        {
            // Without SQLite's write gate, a client's retry could look for its key while the first post is still
            // uncommitted and append it twice: lock the conversation first, so the lookup sees the other's commit.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"DirectLineConversations\" WHERE \"Id\" = {conversationId} FOR UPDATE", cancellationToken);
        }
        var earlier = keys.Count == 0 ? [] : await db.DirectLineActivities.AsNoTracking()
            .Where(a => a.ConversationId == conversationId && keys.Contains(a.IdempotencyKey!))
            .ToDictionaryAsync(a => a.IdempotencyKey!, cancellationToken);
        int fresh = appends.Count(a => a.IdempotencyKey is null || !earlier.ContainsKey(a.IdempotencyKey));
        long next = 0;
        if (fresh > 0)
        {
            // One statement takes the numbers and says which: the row stays write-locked until commit.
            var last = await db.Database.SqlQuery<long>(
                $"UPDATE \"DirectLineConversations\" SET \"LastSequence\" = \"LastSequence\" + {fresh} WHERE \"Id\" = {conversationId} RETURNING \"LastSequence\" AS \"Value\"")
                .ToListAsync(cancellationToken);
            if (last.Count != 1)
            {
                throw new InvalidOperationException($"Direct Line conversation {conversationId} does not exist.");
            }
            next = last[0] - fresh + 1;
        }

        var results = new List<(AppendedActivity? Done, StoredActivity? Stored, InboxActivity? Turn)>(appends.Count);
        foreach (var append in appends)
        {
            if (append.IdempotencyKey is { } key && earlier.TryGetValue(key, out var repeat))
            {
                results.Add((new AppendedActivity(ToStored(repeat), Duplicate: true, PendingTurnId: null), null, null));
                continue;
            }
            var sequence = next++;
            var stored = append.Create(sequence);
            if (stored.Sequence != sequence)
            {
                throw new InvalidOperationException($"The activity was built for sequence {stored.Sequence}, not {sequence}.");
            }
            db.DirectLineActivities.Add(new DirectLineActivity
            {
                ConversationId = conversationId,
                Sequence = sequence,
                ActivityId = stored.ActivityId,
                Type = stored.Type,
                FromRole = stored.FromRole,
                Timestamp = stored.Timestamp,
                Json = stored.Json,
                IdempotencyKey = append.IdempotencyKey,
            });
            InboxActivity? turn = null;
            if (append.PendingTurnJson is { } turnJson)
            {
                turn = new InboxActivity
                {
                    Channel = DirectLineChannel.ChannelId,
                    ConversationId = conversationId,
                    ActivityId = stored.ActivityId,
                    ActivityJson = turnJson(stored),
                    ReceivedAt = now,
                    Attempts = 1,
                    Owner = instances?.InstanceId,
                };
                db.InboxActivities.Add(turn);
            }
            results.Add((null, stored, turn));
        }
        if (completesTurn is { } completed)
        {
            await EfActivityInbox.CompleteAsync(db, completed, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results.Select(r => r.Done ?? new AppendedActivity(r.Stored!, Duplicate: false, r.Turn?.Id)).ToList();
    }

    public async Task<IReadOnlyList<StoredActivity>> ListActivitiesAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        return await db.DirectLineActivities.AsNoTracking()
            .Where(a => a.ConversationId == conversationId && a.Sequence > afterSequence)
            .OrderBy(a => a.Sequence)
            .Take(limit)
            .Select(a => new StoredActivity(a.Sequence, a.ActivityId, a.Type, a.FromRole, a.Timestamp, a.Json))
            .ToListAsync(cancellationToken);
    }

    private static StoredActivity ToStored(DirectLineActivity a) => new(a.Sequence, a.ActivityId, a.Type, a.FromRole, a.Timestamp, a.Json);

    private async Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        return await db.DirectLineConversations.AnyAsync(c => c.Id == conversationId, cancellationToken);
    }
}

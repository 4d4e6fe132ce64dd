using CrmBot.BotFramework.DirectLine;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Core.DirectLine;

/// <summary>
/// The Direct Line conversation logs in the CRM store. Each call uses its own short-lived context from a new scope, so
/// the store is a thread-safe singleton and never shares a context with the bot's turn.
/// </summary>
public sealed class EfDirectLineStore(IServiceScopeFactory scopes) : IDirectLineStore
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
    /// Takes the next sequence number with an atomic increment inside a transaction: the increment write-locks the
    /// conversation (SQLite: the database, as Microsoft.Data.Sqlite begins transactions IMMEDIATE; PostgreSQL: the
    /// row) until commit, so concurrent appends queue up and commit in sequence order. The (conversation, sequence)
    /// key backs this up.
    /// </summary>
    public async Task<StoredActivity> AppendActivityAsync(string conversationId, Func<long, StoredActivity> create, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var conversations = db.DirectLineConversations.Where(c => c.Id == conversationId);
        if (await conversations.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSequence, c => c.LastSequence + 1), cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Direct Line conversation {conversationId} does not exist.");
        }
        var sequence = await conversations.Select(c => c.LastSequence).SingleAsync(cancellationToken);
        var stored = create(sequence);
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
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
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

    private async Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        return await db.DirectLineConversations.AnyAsync(c => c.Id == conversationId, cancellationToken);
    }
}

using Bogus;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;

namespace CrmBot.Core.Seeding.History;

/// <summary>
/// Writes the played conversations in one go through prepared inserts (<see cref="BulkInserter{T}"/>): channel
/// accounts, conversations, every message in time order (so ids grow with time, as live ones do, and a reply's
/// <see cref="Interaction.ReplyToId"/> points at a message written before it), escalations and their trails.
/// The caller holds the transaction.
/// </summary>
internal static class HistoryWriter
{
    public static async Task WriteAsync(CrmDbContext db, IReadOnlyList<SimulatedConversation> conversations, int seed, CancellationToken ct)
    {
        await WriteAccountsAsync(db, conversations, new Randomizer(seed), ct);

        await using (var insert = await BulkInserter<Conversation>.PrepareAsync(db, ct))
        {
            foreach (var c in conversations) await insert.InsertAsync(c.Conversation, ct);
        }

        var rows = conversations
            .SelectMany((c, ci) => c.Rows.Select((row, ri) => (Row: row, Conversation: ci, Index: ri)))
            .OrderBy(r => r.Row.Row.Timestamp).ThenBy(r => r.Conversation).ThenBy(r => r.Index)
            .Select(r => r.Row);
        await using (var insert = await BulkInserter<Interaction>.PrepareAsync(db, ct))
        {
            foreach (var (row, replyTo) in rows)
            {
                row.ReplyToId = replyTo?.Id;
                row.Id = await insert.InsertAsync(row, ct);
            }
        }

        var escalations = conversations.SelectMany(c => c.Escalations).OrderBy(e => e.Entity.CreatedAt).ThenBy(e => e.Entity.Reference, StringComparer.Ordinal).ToList();
        await using (var insert = await BulkInserter<Escalation>.PrepareAsync(db, ct))
        {
            foreach (var e in escalations) e.Entity.Id = (int)await insert.InsertAsync(e.Entity, ct);
        }
        await using (var insert = await BulkInserter<EscalationEvent>.PrepareAsync(db, ct))
        {
            foreach (var e in escalations.SelectMany(e => e.Entity.Events.Select(v => (Escalation: e.Entity, Event: v))).OrderBy(x => x.Event.At))
            {
                e.Event.EscalationId = e.Escalation.Id;
                e.Event.Id = await insert.InsertAsync(e.Event, ct);
            }
        }
    }

    /// <summary>One account per customer and channel, verified from their first chat on it; a guest's account is their own.</summary>
    private static async Task WriteAccountsAsync(CrmDbContext db, IReadOnlyList<SimulatedConversation> conversations, Randomizer random, CancellationToken ct)
    {
        var accounts = new Dictionary<(int, string), ChannelAccount>();
        await using var insert = await BulkInserter<ChannelAccount>.PrepareAsync(db, ct);
        foreach (var c in conversations)
        {
            var plan = c.Plan;
            if (plan.Customer is { } customer && accounts.TryGetValue((customer.Id, plan.Channel), out var known))
            {
                c.Conversation.ChannelAccountId = known.Id;
                continue;
            }
            var account = new ChannelAccount
            {
                Channel = plan.Channel,
                AccountId = HistoryIds.AccountId(plan.Channel, random),
                DisplayName = plan.Channel == HistoryPlanner.Teams ? plan.Customer?.FullName : null,
                CustomerId = plan.Customer?.Id,
                VerifiedAt = plan.Customer is null ? null : plan.Start,
                FirstSeenAt = plan.Start,
            };
            account.Id = (int)await insert.InsertAsync(account, ct);
            c.Conversation.ChannelAccountId = account.Id;
            if (plan.Customer is { } signedIn) accounts[(signedIn.Id, plan.Channel)] = account;
        }
    }
}

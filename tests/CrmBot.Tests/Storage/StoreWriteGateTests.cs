using CrmBot.Core.Inbox;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Storage;

/// <summary>The app's (pooled) contexts write through the store's one write gate, so no write ever meets a locked SQLite file in this process.</summary>
[Collection(AppCollection.Name)]
public class StoreWriteGateTests(CrmBotAppFixture app)
{
    [SqliteOnlyFact("PostgreSQL has many writers and no write gate.")]
    public async Task A_save_waits_while_another_write_holds_the_gate_and_goes_through_after()
    {
        var gate = app.Services.GetRequiredService<StoreWriteGate>();
        await using var db = app.NewDb();
        db.InboxActivities.Add(new InboxActivity { Channel = "test", ConversationId = "gate-" + Guid.NewGuid().ToString("N"), ActivityId = "1", ReceivedAt = DateTimeOffset.UtcNow, Attempts = 1 });

        Task<int> save;
        await using (await gate.EnterAsync(default))
        {
            save = db.SaveChangesAsync();
            await Task.Delay(300);
            Assert.False(save.IsCompleted);
        }

        Assert.Equal(1, await save.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [SqliteOnlyFact("the busy timeout and PRAGMA synchronous are SQLite connection settings.")]
    public async Task Every_connection_lets_sqlite_wait_for_a_busy_store_and_commits_without_a_flush()
    {
        // Two contexts at once, so at least one connection is not the start-up one that used to be the only one set up.
        await using var first = app.NewDb();
        await using var second = app.NewDb();
        foreach (var db in new[] { first, second })
        {
            await db.Database.OpenConnectionAsync();
            Assert.Equal(5000L, await Pragma(db, "busy_timeout"));
            Assert.Equal(1L, await Pragma(db, "synchronous")); // NORMAL
        }
    }

    private static async Task<long> Pragma(CrmDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [SqliteOnlyFact("PostgreSQL has many writers and no write gate.")]
    public async Task A_write_transaction_holds_the_gate_until_it_is_disposed()
    {
        var gate = app.Services.GetRequiredService<StoreWriteGate>();
        await using var db = app.NewDb();

        Task<IAsyncDisposable> other;
        await using (var transaction = await db.BeginWriteAsync(default))
        {
            other = gate.EnterAsync(default);
            await Task.Delay(200);
            Assert.False(other.IsCompleted);
            await transaction.CommitAsync(default);
        }

        await using var pass = await other.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

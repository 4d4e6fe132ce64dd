using CrmBot.BotFramework.Builder;
using CrmBot.Core.Inbox;
using CrmBot.Core.Storage;
using CrmBot.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Tests.ScaleOut;

/// <summary>Several instances on one PostgreSQL inbox: a pending turn runs where it was accepted until that instance dies, then on exactly one other.</summary>
public sealed class InboxTakeOverTests(PostgreSqlServer server) : IClassFixture<PostgreSqlServer>
{
    [Fact]
    public async Task Turns_of_a_dead_instance_are_taken_over_once_between_two_instances_looking_at_once()
    {
        var connectionString = await NewInboxAsync();
        var dead = new Instances("dead", alive: ["a", "b", "live"]);
        var live = new Instances("live", alive: ["a", "b", "live"]);
        for (int n = 0; n < 30; n++)
        {
            await AdmitAsync(connectionString, n % 2 == 0 ? dead : live, $"conv-{n}");
        }

        await using var first = Open(connectionString);
        await using var second = Open(connectionString);
        var taken = await Task.WhenAll(
            new EfActivityInbox(first, TimeProvider.System).TakeOverAsync(new Instances("a", alive: ["a", "b", "live"]), maxAttempts: 3, default),
            new EfActivityInbox(second, TimeProvider.System).TakeOverAsync(new Instances("b", alive: ["a", "b", "live"]), maxAttempts: 3, default));

        var ids = taken.SelectMany(t => t.Turns).Select(t => t.ConversationId).ToList();
        Assert.Equal(15, ids.Count);
        Assert.Equal(15, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(int.Parse(id["conv-".Length..]) % 2 == 0, $"{id} belongs to a live instance and was taken over."));
        await using var db = Open(connectionString);
        var rows = await db.InboxActivities.AsNoTracking().ToListAsync();
        Assert.All(rows.Where(r => r.Owner is "a" or "b"), r => Assert.Equal(2, r.Attempts));
        Assert.Equal(15, rows.Count(r => r.Owner == "live" && r.Attempts == 1));
    }

    [Fact]
    public async Task A_turn_taken_over_too_often_is_given_up_and_not_run()
    {
        var connectionString = await NewInboxAsync();
        var dead = new Instances("dead", alive: ["me"]);
        await AdmitAsync(connectionString, dead, "poison");
        var me = new Instances("me", alive: ["me"]);
        await using (var db = Open(connectionString))
        {
            await db.InboxActivities.ExecuteUpdateAsync(s => s.SetProperty(a => a.Attempts, 3));
        }

        await using var context = Open(connectionString);
        var taken = await new EfActivityInbox(context, TimeProvider.System).TakeOverAsync(me, maxAttempts: 3, default);

        Assert.Empty(taken.Turns);
        Assert.Equal(1, taken.GivenUp);
        var row = await context.InboxActivities.AsNoTracking().SingleAsync();
        Assert.True(row.GivenUp);
        Assert.NotNull(row.CompletedAt);
        Assert.Null(row.ActivityJson);
    }

    private async Task<string> NewInboxAsync()
    {
        var connectionString = await server.Cluster.CreateDatabaseAsync("takeover");
        await using var db = Open(connectionString);
        await db.Database.MigrateAsync();
        return connectionString;
    }

    private static async Task AdmitAsync(string connectionString, Instances owner, string conversationId)
    {
        await using var db = Open(connectionString);
        Assert.NotNull(await new EfActivityInbox(db, TimeProvider.System, owner).TryAdmitAsync("test", conversationId, "activity-1", "{}", default));
    }

    private static PostgreSqlCrmDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgreSqlCrmDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>Liveness as the test sets it, instead of Redis heartbeats (those have their own tests).</summary>
    private sealed class Instances(string id, string[] alive) : ITurnInstances
    {
        public string InstanceId => id;

        public TimeSpan TakeOverInterval => TimeSpan.FromSeconds(1);

        public Task<bool> IsAliveAsync(string instanceId, CancellationToken cancellationToken) => Task.FromResult(alive.Contains(instanceId));
    }
}

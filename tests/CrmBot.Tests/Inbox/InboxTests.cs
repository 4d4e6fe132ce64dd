using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Builder;
using CrmBot.Core.Conversations;
using CrmBot.Core.DirectLine;
using CrmBot.Core.Inbox;
using CrmBot.Core.Storage;
using CrmBot.Tests.BotFramework;
using CrmBot.Tests.Channels;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using CrmBot.Core.Engine;

namespace CrmBot.Tests.Inbox;

/// <summary>
/// The inbox of accepted activities in the real app: redeliveries answered once, turns a crash cut short answered at
/// the next start, personal data masked in the channel's log, old payloads purged.
/// </summary>
[Collection(AppCollection.Name)]
public class InboxTests(CrmBotAppFixture app)
{
    [Fact]
    public async Task Redelivered_teams_message_is_answered_once()
    {
        await using var channel = await FakeChannel.StartAsync();
        var activity = TeamsChannelTests.TeamsMessage(channel, "how long does delivery take?");
        var client = app.CreateClient();

        var first = await client.PostAsJsonAsync("/api/messages", activity);
        var again = await client.PostAsJsonAsync("/api/messages", activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(TeamsChannelTests.Messages(channel) >= 1), "the first delivery is answered");
        await Task.Delay(500);
        Assert.Equal(1, TeamsChannelTests.Messages(channel));
        await using var db = app.NewDb();
        var row = await db.InboxActivities.SingleAsync(a => a.ActivityId == activity["id"]!.GetValue<string>());
        Assert.NotNull(row.CompletedAt);
        Assert.Null(row.ActivityJson);
    }

    [Fact]
    public async Task Teams_turn_cut_short_by_a_crash_is_answered_at_the_next_start()
    {
        await using var channel = await FakeChannel.StartAsync();
        var activity = TeamsChannelTests.TeamsMessage(channel, "what payment methods do you accept?");
        // As the inbox holds it when the process died after acknowledging the activity and before its turn finished.
        var pending = await AddPendingAsync("msteams", activity, attempts: 1);

        await app.Services.GetRequiredService<TurnRunner>().StartAsync(default);

        await Eventually.TrueAsync(() => Task.FromResult(TeamsChannelTests.Messages(channel) >= 1), "the resumed turn answers");
        var reply = Assert.Single(channel.ConnectorCalls, c => c.Json["type"]?.GetValue<string>() == "message");
        Assert.Contains("PayPal", reply.Json["text"]!.GetValue<string>());
        Assert.Equal(activity["id"]!.GetValue<string>(), reply.Json["replyToId"]!.GetValue<string>());
        await Eventually.TrueAsync(async () =>
        {
            await using var db = app.NewDb();
            return (await db.InboxActivities.SingleAsync(a => a.Id == pending)).CompletedAt is not null;
        }, "the resumed turn is completed in the inbox");
        await using var check = app.NewDb();
        var row = await check.InboxActivities.SingleAsync(a => a.Id == pending);
        Assert.Equal(2, row.Attempts);
        Assert.Null(row.ActivityJson);
    }

    [Fact]
    public async Task Turn_that_failed_too_often_is_given_up_instead_of_run_again()
    {
        await using var channel = await FakeChannel.StartAsync();
        var maxAttempts = app.Services.GetRequiredService<IOptions<TurnRunnerOptions>>().Value.MaxAttempts;
        var pending = await AddPendingAsync("msteams", TeamsChannelTests.TeamsMessage(channel, "hello"), attempts: maxAttempts);

        await app.Services.GetRequiredService<TurnRunner>().StartAsync(default);

        await using var db = app.NewDb();
        var row = await db.InboxActivities.SingleAsync(a => a.Id == pending);
        Assert.True(row.GivenUp);
        Assert.NotNull(row.CompletedAt);
        Assert.Null(row.ActivityJson);
        await Task.Delay(300);
        Assert.Equal(0, TeamsChannelTests.Messages(channel));
    }

    [Fact]
    public async Task Message_stored_but_never_answered_is_answered_when_its_turn_runs_again()
    {
        var conversationId = "resume-" + Guid.NewGuid().ToString("N");
        var first = await app.Engine.HandleAsync(new InboundMessage("test", conversationId, "guest-" + conversationId, "hi"), default);
        // The write-ahead row of a message whose turn died before its answer was stored.
        await using (var db = app.NewDb())
        {
            db.Interactions.Add(new Interaction
            {
                ConversationId = first.ConversationId,
                Direction = InteractionDirection.Inbound,
                Author = InteractionAuthor.Customer,
                Text = "can I pay with paypal?",
                Timestamp = DateTimeOffset.UtcNow,
                ChannelActivityId = "act-2",
            });
            await db.SaveChangesAsync();
        }

        var result = await app.Engine.HandleAsync(new InboundMessage("test", conversationId, "guest-" + conversationId, "can I pay with paypal?", "act-2"), default);

        Assert.False(result.Duplicate);
        Assert.Contains(result.Replies, r => r.Text.Contains("PayPal", StringComparison.Ordinal));
        await using var check = app.NewDb();
        var inbound = await check.Interactions.Where(i => i.ConversationId == first.ConversationId && i.ChannelActivityId == "act-2").ToListAsync();
        var message = Assert.Single(inbound);
        Assert.NotNull(message.HandledBy);
        Assert.True(await check.Interactions.AnyAsync(i => i.ReplyToId == message.Id));

        var replay = await app.Engine.HandleAsync(new InboundMessage("test", conversationId, "guest-" + conversationId, "can I pay with paypal?", "act-2"), default);
        Assert.True(replay.Duplicate);
        Assert.Equal(result.Replies.Select(r => r.Text), replay.Replies.Select(r => r.Text));
    }

    [Fact]
    public async Task Direct_line_log_keeps_the_customers_personal_data_masked()
    {
        var client = app.CreateClient();
        var session = await (await client.PostAsJsonAsync("/api/chat/session", new { })).Content.ReadFromJsonAsync<JsonObject>();
        var token = session!["token"]!.GetValue<string>();
        var conversationId = session["conversationId"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        const string Text = "my card 4111 1111-1111 1111 was charged twice, mail me at jo.bloggs@example.org or ring 07700 900123";

        var posted = await client.PostAsJsonAsync($"/v3/directline/conversations/{conversationId}/activities",
            new { type = "message", from = new { id = session["userId"]!.GetValue<string>() }, text = Text });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var log = await client.GetStringAsync($"/v3/directline/conversations/{conversationId}/activities");
        Assert.DoesNotContain("4111", log);
        Assert.DoesNotContain("jo.bloggs", log);
        Assert.DoesNotContain("900123", log);
        Assert.Contains("[card number]", log);
        await Eventually.TrueAsync(async () =>
        {
            await using var db = app.NewDb();
            return await db.InboxActivities.AnyAsync(a => a.ConversationId == conversationId && a.CompletedAt != null);
        }, "the turn is answered and completed");
        await using var check = app.NewDb();
        var stored = await check.DirectLineActivities.Where(a => a.ConversationId == conversationId).Select(a => a.Json).ToListAsync();
        Assert.DoesNotContain(stored, json => json.Contains("4111", StringComparison.Ordinal) || json.Contains("jo.bloggs", StringComparison.Ordinal));
        Assert.True(await check.InboxActivities.Where(a => a.ConversationId == conversationId).AllAsync(a => a.ActivityJson == null));
    }

    [Fact]
    public async Task Channel_payloads_older_than_the_retention_are_purged_and_recent_ones_kept()
    {
        var options = app.Services.GetRequiredService<IOptions<StorageOptions>>();
        var now = DateTimeOffset.UtcNow;
        var conversationId = "purge-" + Guid.NewGuid().ToString("N")[..20];
        await using (var db = app.NewDb())
        {
            db.DirectLineConversations.Add(new DirectLineConversation { Id = conversationId, CreatedAt = now.AddDays(-40), LastSequence = 2 });
            db.DirectLineActivities.Add(Activity(conversationId, 1, now.AddDays(-(options.Value.ChannelPayloadRetentionDays + 1))));
            db.DirectLineActivities.Add(Activity(conversationId, 2, now.AddDays(-1)));
            db.InboxActivities.Add(new InboxActivity { Channel = "msteams", ConversationId = conversationId, ActivityId = "old", ReceivedAt = now.AddDays(-40), CompletedAt = now.AddDays(-40), Attempts = 1 });
            db.InboxActivities.Add(new InboxActivity { Channel = "msteams", ConversationId = conversationId, ActivityId = "new", ReceivedAt = now, CompletedAt = now, Attempts = 1 });
            await db.SaveChangesAsync();
        }
        var retention = new ChannelPayloadRetention(app.Services.GetRequiredService<IServiceScopeFactory>(), options, app.Services.GetRequiredService<ISharedWorkLease>(), TimeProvider.System, NullLogger<ChannelPayloadRetention>.Instance);

        await retention.PurgeAsync(default);

        await using var check = app.NewDb();
        Assert.Equal([2L], await check.DirectLineActivities.Where(a => a.ConversationId == conversationId).Select(a => a.Sequence).ToListAsync());
        Assert.Equal(["new"], await check.InboxActivities.Where(a => a.ConversationId == conversationId).Select(a => a.ActivityId).ToListAsync());
        Assert.True(await check.DirectLineConversations.AnyAsync(c => c.Id == conversationId));
    }

    private static DirectLineActivity Activity(string conversationId, long sequence, DateTimeOffset at) => new()
    {
        ConversationId = conversationId,
        Sequence = sequence,
        ActivityId = $"{conversationId}|{sequence:D7}",
        Type = "message",
        FromRole = "user",
        Timestamp = at,
        Json = "{}",
    };

    private async Task<long> AddPendingAsync(string channel, JsonObject activity, int attempts)
    {
        await using var db = app.NewDb();
        var row = new InboxActivity
        {
            Channel = channel,
            ConversationId = activity["conversation"]!["id"]!.GetValue<string>(),
            ActivityId = activity["id"]!.GetValue<string>(),
            ActivityJson = activity.ToJsonString(),
            ReceivedAt = DateTimeOffset.UtcNow,
            Attempts = attempts,
        };
        db.InboxActivities.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }
}

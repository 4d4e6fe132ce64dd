using System.Text.Json.Nodes;
using CrmBot.Tests.Infrastructure;

namespace CrmBot.Tests.DirectLine;

/// <summary>
/// A client that did not get the answer to its POST sends the same activity again, with the same
/// <c>channelData.clientActivityID</c> (Web Chat's "Retry"). The server must recognise it (issue 9, finding 3): same id,
/// one message in the log and in the CRM store, one turn. Runs on the real app, so real turns store real replies.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DirectLineRetryTests(CrmBotAppFixture app)
{
    private const string Question = "how long does delivery take?";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_retried_post_with_the_same_client_activity_id_is_stored_and_answered_once()
    {
        using var http = app.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        var guest = await DirectLineGuest.StartAsync(http, ct);
        var clientActivityId = NewClientActivityId();

        var first = await guest.PostMessageAsync(Question, clientActivityId, ct);
        var retried = await guest.PostMessageAsync(Question, clientActivityId, ct);

        Assert.Equal(first, retried);
        await AssertStoredAndAnsweredOnceAsync(guest, clientActivityId, first, ct);
    }

    /// <summary>A client that gave up waiting may retry while the first post is still being handled.</summary>
    [Fact]
    public async Task Posts_with_the_same_client_activity_id_sent_at_once_are_stored_and_answered_once()
    {
        using var http = app.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        var guest = await DirectLineGuest.StartAsync(http, ct);
        var clientActivityId = NewClientActivityId();

        var ids = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => guest.PostMessageAsync(Question, clientActivityId, ct)));

        var id = Assert.Single(ids.Distinct());
        await AssertStoredAndAnsweredOnceAsync(guest, clientActivityId, id, ct);
    }

    /// <summary>
    /// Sends a later message and waits for its reply first: a conversation's turns run in order, so by then a second
    /// turn for the retried message would have run and answered too.
    /// </summary>
    private async Task AssertStoredAndAnsweredOnceAsync(DirectLineGuest guest, string clientActivityId, string id, CancellationToken ct)
    {
        var later = await guest.PostMessageAsync("thanks", NewClientActivityId(), ct);
        var log = await WaitForReplyAsync(guest, later, ct);
        var store = await StoredInteractions.RepliesByActivityIdAsync(app.DataDirectory, "directline", guest.ConversationId, ct);

        var userMessages = log.Where(DirectLineGuest.IsUserMessage).ToList();
        Assert.Equal([id, later], userMessages.Select(a => (string?)a["id"]));
        Assert.Equal(clientActivityId, DirectLineGuest.ClientActivityId(userMessages[0]));
        var replies = log.Count(a => DirectLineGuest.IsBotMessage(a) && (string?)a["replyToId"] == id);
        Assert.True(replies > 0, $"No bot reply to {id} in the log.");
        Assert.Equal(new[] { id, later }.Order(StringComparer.Ordinal), store.Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.Equal([replies], store[id]);
    }

    private static async Task<IReadOnlyList<JsonObject>> WaitForReplyAsync(DirectLineGuest guest, string activityId, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var log = await guest.ReadActivitiesAsync(ct);
            if (log.Any(a => DirectLineGuest.IsBotMessage(a) && (string?)a["replyToId"] == activityId))
            {
                return log;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No bot reply to {activityId} within {Patience.TotalSeconds:0} s; the log holds:\n"
                + string.Join("\n", log.Select(a => $"  {a["from"]?["role"]} {a["id"]}: {a["text"]}")));
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Web Chat makes one per message it sends.</summary>
    private static string NewClientActivityId() => Guid.NewGuid().ToString("N");
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using CrmBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// Two instances under load from Direct Line guests whose posts a load balancer spreads round-robin over both; one is
/// killed with <c>kill -9</c> and not restarted. The other must finish the dead one's acknowledged turns (they are
/// taken over once its lease lapses), a post retried on the other instance must not become a second message, and every
/// acknowledged message must be answered exactly once.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TwoInstanceCrashTests(CrmBotAppFixture trained, ITestOutputHelper output)
{
    private const int Conversations = 16;
    private const int MessagesPerConversation = 6;
    private const int AcknowledgedBeforeKill = 30;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly string[] Requests =
    [
        "hi", "how long does delivery take?", "can I pay with Klarna?", "what is your returns policy?", "how long is the warranty?", "thanks",
    ];

    [Fact]
    public async Task When_one_instance_is_killed_under_load_the_other_answers_every_acknowledged_message_once()
    {
        // Two server starts on a busy 2-core machine can take minutes each (ServerProcess allows 8).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var ct = timeout.Token;
        await using var cluster = await ScaleOutCluster.StartAsync(trained, new Dictionary<string, string> { ["WebChat:SessionsPerMinute"] = "10000" }, ct);
        using var httpA = new HttpClient { BaseAddress = new Uri(cluster.A.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        using var httpB = new HttpClient { BaseAddress = new Uri(cluster.B.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        HttpClient[] instances = [httpA, httpB];
        var clock = Stopwatch.StartNew();

        var guests = await Task.WhenAll(Enumerable.Range(0, Conversations).Select(i => DirectLineGuest.StartAsync(instances[i % 2], ct)));
        var messages = guests.Select((_, c) => Requests.Select(text => new Message(c, text)).ToList()).ToArray();
        var acknowledged = 0;
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = 0;
        // Round-robin per post, as a load balancer without affinity; a failed post is retried on the next instance.
        var load = Task.WhenAll(guests.Select((guest, c) => Task.Run(async () =>
        {
            foreach (var message in messages[c])
            {
                DirectLineGuest.PostResult posted;
                while ((posted = await guest.On(instances[Interlocked.Increment(ref next) % 2]).TryPostMessageAsync(message.Text, message.ClientActivityId, ct)).Id is null)
                {
                    message.Failures++;
                    await Task.Delay(100, ct);
                }
                message.AcknowledgedId = posted.Id;
                if (Interlocked.Increment(ref acknowledged) == AcknowledgedBeforeKill)
                {
                    killNow.TrySetResult();
                }
            }
        }, ct)));

        await Task.WhenAny(killNow.Task, load).WaitAsync(ct);
        if (load.IsFaulted)
        {
            await load;
        }
        var unansweredAtKill = await UnansweredAsync(cluster, messages, ct);
        await cluster.A.KillAsync();
        var killedAt = clock.Elapsed;
        var acknowledgedAtKill = messages.SelectMany(m => m).Count(m => m.AcknowledgedId is not null);
        await load.WaitAsync(Patience, ct);

        var problems = await ProblemsAsync(cluster, guests.Select(g => g.On(httpB)).ToArray(), messages, ct);
        var settling = Stopwatch.StartNew();
        while (problems.Count > 0 && settling.Elapsed < Patience)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            problems = await ProblemsAsync(cluster, guests.Select(g => g.On(httpB)).ToArray(), messages, ct);
        }
        if (problems.Count == 0)
        {
            // A turn run twice may answer a second time just after the first check.
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            problems = await ProblemsAsync(cluster, guests.Select(g => g.On(httpB)).ToArray(), messages, ct);
        }

        var all = messages.SelectMany(m => m).ToList();
        output.WriteLine($"A killed at {killedAt.TotalSeconds:0.0} s with {acknowledgedAtKill} messages acknowledged, {unansweredAtKill} of them unanswered in the store just before; "
            + $"{all.Count(m => m.Failures > 0)} posts needed a retry; checked {settling.Elapsed.TotalSeconds:0.0} s after the load ended. B took over: "
            + string.Join("; ", cluster.B.Log.Split('\n').Where(l => l.Contains("Resuming", StringComparison.Ordinal)).Select(l => l.Trim())));
        Assert.True(problems.Count == 0, $"{problems.Count} problems with {all.Count} messages:\n" + string.Join("\n", problems.Take(30))
            + "\n--- B's warnings ---\n" + string.Join("\n", cluster.B.Log.Split('\n').Where(l => l.StartsWith("warn:") || l.StartsWith("fail:")).Take(30)));
    }

    /// <summary>
    /// One line per message that is not as it must be: once in the log as the user's with the id it was acknowledged
    /// with, answered there, once in <c>Interactions</c> with replies, and answered in the log as often as the store says.
    /// </summary>
    private static async Task<List<string>> ProblemsAsync(ScaleOutCluster cluster, DirectLineGuest[] guests, List<Message>[] messages, CancellationToken ct)
    {
        var problems = new List<string>();
        for (var c = 0; c < guests.Length; c++)
        {
            var log = await guests[c].ReadActivitiesAsync(ct);
            var store = await cluster.RepliesByActivityIdAsync(guests[c].ConversationId, ct);
            foreach (var message in messages[c])
            {
                var copies = log.Where(a => DirectLineGuest.IsUserMessage(a) && DirectLineGuest.ClientActivityId(a) == message.ClientActivityId).ToList();
                if (copies.Count != 1 || (string?)copies[0]["id"] != message.AcknowledgedId)
                {
                    problems.Add($"{message}: {copies.Count} user messages with its clientActivityID in the log");
                    continue;
                }
                var answered = log.Count(a => DirectLineGuest.IsBotMessage(a) && (string?)a["replyToId"] == message.AcknowledgedId);
                var stored = store[message.AcknowledgedId!].ToList();
                if (stored.Count != 1 || answered == 0 || stored[0] != answered)
                {
                    problems.Add($"{message}: {stored.Count} inbound Interactions rows ({string.Join(",", stored)} replies), {answered} bot replies in the log");
                }
            }
        }
        return problems;
    }

    private static async Task<int> UnansweredAsync(ScaleOutCluster cluster, List<Message>[] messages, CancellationToken ct)
    {
        var store = await cluster.RepliesByActivityIdAsync(null, ct);
        return messages.SelectMany(m => m).Count(m => m.AcknowledgedId is { } id && !store[id].Any(replies => replies > 0));
    }

    private sealed class Message(int conversation, string text)
    {
        public string Text { get; } = text;
        public string ClientActivityId { get; } = Guid.NewGuid().ToString("N");
        public string? AcknowledgedId { get; set; }
        public int Failures { get; set; }

        public override string ToString() => $"conversation {conversation} \"{Text}\" ({AcknowledgedId ?? "never acknowledged"}, {Failures} failed posts)";
    }
}

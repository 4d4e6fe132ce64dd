using System.Diagnostics;
using System.Text.Json.Nodes;
using CrmBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// The service loses nothing it acknowledged when it dies without warning (issue 9, finding 2): the real server
/// process under load from Direct Line guests, <c>kill -9</c> in the middle, a restart on the same store, and then
/// every message must be in the conversation's log and in the CRM store once, and answered once.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CrashRecoveryTests(CrmBotAppFixture trained, ITestOutputHelper output)
{
    private const int Conversations = 20;
    private const int AcknowledgedBeforeKill = 40;
    private const int TurnsInFlightAtKill = 5;
    private const string Channel = "directline";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>How long to wait before looking once more after all checked out: a turn run twice may answer a second time just after.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(3);

    private static readonly string[] Greetings = ["hi", "hello", "good morning", "hiya"];
    private static readonly string[] Thanks = ["thanks", "thank you", "cheers"];

    /// <summary>Questions a guest gets a real answer to without being handed to a person, so every turn has replies.</summary>
    private static readonly string[] Requests =
    [
        "where is my order?",
        "how long does delivery take?",
        "how much is next day delivery?",
        "can I pay with Klarna?",
        "what is your returns policy?",
        "how long is the warranty?",
        "can you recommend some headphones?",
        "which TV would you recommend?",
    ];

    /// <summary>
    /// Each guest posts its ten messages one after another without waiting for the bot, as someone typing quickly does,
    /// so the server has acknowledged turns it has not run yet when it is killed. A post that fails (connection refused
    /// or reset while the server is down) is sent again with the same <c>clientActivityID</c>, as Web Chat's retry
    /// does; a post that was stored but whose 200 was lost must then not become a second message.
    /// </summary>
    [Fact]
    public async Task Every_acknowledged_message_is_answered_exactly_once_after_a_kill_9()
    {
        var dataDirectory = TestDirectories.NewWithModelsOf(trained, "crmbot-crash-");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        try
        {
            var clock = Stopwatch.StartNew();
            await using var server = await ServerProcess.StartAsync(dataDirectory, new Dictionary<string, string>
            {
                // Every guest comes from 127.0.0.1.
                ["WebChat:SessionsPerMinute"] = "10000",
            }, ct);
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
            var guests = await Task.WhenAll(Enumerable.Range(0, Conversations).Select(_ => DirectLineGuest.StartAsync(http, ct)));
            var scripts = guests.Select((_, index) => Script(index)).ToArray();

            var acknowledged = 0;
            var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var load = Task.WhenAll(guests.Select((guest, index) => PostScriptAsync(guest, scripts[index], () =>
            {
                if (Interlocked.Increment(ref acknowledged) == AcknowledgedBeforeKill)
                {
                    killNow.TrySetResult();
                }
            }, ct)));

            await Task.WhenAny(killNow.Task, load).WaitAsync(ct);
            if (load.IsFaulted)
            {
                await load;
            }
            await WaitForTurnsInFlightAsync(server, scripts, load, ct);
            await server.KillAsync();
            var killedAt = clock.Elapsed;
            var acknowledgedAtKill = scripts.SelectMany(s => s).Where(m => m.AcknowledgedId is not null).ToList();
            foreach (var message in acknowledgedAtKill)
            {
                message.AcknowledgedBeforeKill = true;
            }
            var unansweredAtKill = await UnansweredInStoreAsync(server, scripts, ct);
            await server.RestartAsync(ct);
            var restartedAt = clock.Elapsed;
            try
            {
                await load.WaitAsync(Patience, ct);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"The guests could not post all their messages within {Patience.TotalSeconds:0} s of the restart.\n"
                    + LogExcerpt(server.Log));
            }

            var settling = Stopwatch.StartNew();
            var problems = await ProblemsAsync(server, guests, scripts, ct);
            while (problems.Count > 0 && settling.Elapsed < Patience)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                problems = await ProblemsAsync(server, guests, scripts, ct);
            }
            if (problems.Count == 0)
            {
                await Task.Delay(SettleTime, ct);
                problems = await ProblemsAsync(server, guests, scripts, ct);
            }

            var all = scripts.SelectMany(s => s).ToList();
            output.WriteLine($"{acknowledgedAtKill.Count} messages acknowledged when the server was killed, {unansweredAtKill} of them not yet answered in the store; "
                + $"{all.Count(m => m.Failures.Count > 0)} messages needed a retry. Killed at {killedAt.TotalSeconds:0.0} s, healthy again at "
                + $"{restartedAt.TotalSeconds:0.0} s, load posted at {(clock.Elapsed - settling.Elapsed).TotalSeconds:0.0} s, checked until {clock.Elapsed.TotalSeconds:0.0} s.");
            Assert.True(problems.Count == 0,
                $"{problems.Count} problems with {all.Count} messages ({acknowledgedAtKill.Count} acknowledged before the kill, {unansweredAtKill} of those "
                + $"not answered in the store when it died), still there {settling.Elapsed.TotalSeconds:0} s after the load ended:\n"
                + string.Join("\n", problems.Take(40)) + (problems.Count > 40 ? "\n…" : "")
                + "\n" + LogExcerpt(server.Log));
        }
        finally
        {
            TestDirectories.Delete(dataDirectory);
        }
    }

    /// <summary>
    /// Posts the messages one after another, each as soon as the one before was acknowledged; a post the server did
    /// not acknowledge is sent again, with the same <c>clientActivityID</c>, until it is.
    /// </summary>
    private static Task PostScriptAsync(DirectLineGuest guest, List<ScriptedMessage> script, Action acknowledged, CancellationToken ct) => Task.Run(async () =>
    {
        foreach (var message in script)
        {
            DirectLineGuest.PostResult posted;
            while ((posted = await guest.TryPostMessageAsync(message.Text, message.ClientActivityId, ct)).Id is null)
            {
                message.Failures.Add(posted.Failure!);
                await Task.Delay(RetryDelay, ct);
            }
            message.AcknowledgedId = posted.Id;
            acknowledged();
        }
    }, ct);

    /// <summary>
    /// What is wrong right now, one line per message: each must be in the log once as the user's (with the id it was
    /// acknowledged with), answered there by the bot, once in <c>Interactions</c> with replies, and answered in the log
    /// exactly as often as the store says it was, so a reply sent twice shows.
    /// </summary>
    private static async Task<List<string>> ProblemsAsync(ServerProcess server, DirectLineGuest[] guests, List<ScriptedMessage>[] scripts, CancellationToken ct)
    {
        var problems = new List<string>();
        for (var c = 0; c < guests.Length; c++)
        {
            var log = await guests[c].ReadActivitiesAsync(ct);
            var store = await StoredInteractions.RepliesByActivityIdAsync(server.DataDirectory, Channel, guests[c].ConversationId, ct);
            foreach (var message in scripts[c])
            {
                var copies = log.Where(a => DirectLineGuest.IsUserMessage(a) && DirectLineGuest.ClientActivityId(a) == message.ClientActivityId).ToList();
                if (copies.Count != 1)
                {
                    problems.Add($"{message}: {copies.Count} user messages with its clientActivityID in the log ({string.Join(", ", copies.Select(Id))})");
                    continue;
                }
                if (Id(copies[0]) is not { } id || id != message.AcknowledgedId)
                {
                    problems.Add($"{message}: the log holds it as {Id(copies[0])}");
                    continue;
                }
                var answered = log.Count(a => DirectLineGuest.IsBotMessage(a) && (string?)a["replyToId"] == id);
                var stored = store[id].ToList();
                if (stored.Count != 1)
                {
                    problems.Add($"{message}: {stored.Count} inbound Interactions rows; {answered} bot replies in the log");
                }
                else if (answered == 0 || stored[0] == 0)
                {
                    problems.Add($"{message}: not answered ({answered} bot replies in the log, {stored[0]} in Interactions)");
                }
                else if (answered != stored[0])
                {
                    problems.Add($"{message}: {answered} bot replies in the log but {stored[0]} in Interactions");
                }
            }
        }
        return problems;
    }

    /// <summary>
    /// Returns once the store shows several acknowledged messages not answered yet, so the kill catches turns in
    /// flight; how many there are depends on how far the bot lags behind the posts. Gives up waiting (the kill then
    /// happens anyway) once most of the load has been posted.
    /// </summary>
    private static async Task WaitForTurnsInFlightAsync(ServerProcess server, List<ScriptedMessage>[] scripts, Task load, CancellationToken ct)
    {
        var messages = scripts.SelectMany(s => s).ToList();
        while (!load.IsCompleted
            && messages.Count(m => m.AcknowledgedId is not null) < messages.Count / 2
            && await UnansweredInStoreAsync(server, scripts, ct) < TurnsInFlightAtKill)
        {
            await Task.Delay(20, ct);
        }
    }

    /// <summary>How many acknowledged messages have no reply in the store: the turns the server still owes.</summary>
    private static async Task<int> UnansweredInStoreAsync(ServerProcess server, List<ScriptedMessage>[] scripts, CancellationToken ct)
    {
        var store = await StoredInteractions.RepliesByActivityIdAsync(server.DataDirectory, Channel, null, ct);
        return scripts.SelectMany(s => s).Count(m => m.AcknowledgedId is { } id && !store[id].Any(replies => replies > 0));
    }

    /// <summary>A greeting, the eight requests in an order of this conversation's own, then thanks.</summary>
    private static List<ScriptedMessage> Script(int conversation)
    {
        var random = new Random(conversation);
        var texts = new List<string> { Greetings[random.Next(Greetings.Length)] };
        texts.AddRange(Requests.OrderBy(_ => random.Next()));
        texts.Add(Thanks[random.Next(Thanks.Length)]);
        return texts.Select((text, index) => new ScriptedMessage(conversation, index, text)).ToList();
    }

    private static string? Id(JsonObject activity) => (string?)activity["id"];

    /// <summary>The server's warnings and errors (each with the line after, where the message is) and its last lines.</summary>
    private static string LogExcerpt(string log)
    {
        var lines = log.Split('\n');
        // A warning's message is on the line after it; an error's exception follows on the lines after that.
        var problems = lines.SelectMany((line, i) =>
            line.StartsWith("warn:", StringComparison.Ordinal) ? lines.Skip(i).Take(2)
            : line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal) ? lines.Skip(i).Take(8)
            : line.StartsWith("--- ", StringComparison.Ordinal) ? [line]
            : []);
        return "--- server warnings and errors ---\n" + string.Join("\n", problems.Take(60))
            + "\n--- server log (end) ---\n" + string.Join("\n", lines.TakeLast(20));
    }

    /// <summary>
    /// One message of a guest's script and what became of posting it: written by the guest's own task, except
    /// <see cref="AcknowledgedBeforeKill"/>, which the test sets once the server is dead.
    /// </summary>
    private sealed class ScriptedMessage(int conversation, int index, string text)
    {
        public string Text { get; } = text;

        /// <summary>Unique per message, as Web Chat makes it; kept when the post is retried.</summary>
        public string ClientActivityId { get; } = Guid.NewGuid().ToString("N");

        public string? AcknowledgedId { get; set; }
        /// <summary>Why each post before the acknowledged one failed.</summary>
        public List<string> Failures { get; } = [];
        public bool AcknowledgedBeforeKill { get; set; }

        private string FailureSummary => string.Join(", ", Failures.CountBy(f => f).Select(f => $"{f.Key} ×{f.Value}"));

        public override string ToString() =>
            $"conversation {conversation} message {index} \"{Text}\" ("
            + (AcknowledgedId is null ? "never acknowledged"
                : (AcknowledgedBeforeKill ? "acknowledged before the kill" : "acknowledged after the restart")
                    + (Failures.Count > 0 ? $" after {Failures.Count} failed posts ({FailureSummary})" : "") + " as " + AcknowledgedId)
            + ")";
    }
}

using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace CrmBot.Benchmarks.Load;

/// <summary>
/// Drives a running server with simulated customers: <c>concurrent</c> of them at once, each running one conversation
/// after another (session, start, join, the scripted turns) until <c>maxConversations</c> have started or the duration
/// is up. A failed step ends that conversation and is counted by kind; turns cut off by the deadline are not counted.
/// With several base URLs (instances of the service), conversation n starts on instance n mod count and its posts go to
/// every instance in turn, starting with its own.
/// </summary>
internal sealed class LoadRunner(HttpClient http, IReadOnlyList<Uri> baseUrls, LoadOptions options, TimeProvider time)
{
    public async Task<BotLoadResult> RunAsync(string bot, int concurrent, int maxConversations, TimeSpan duration, int firstScript, CancellationToken cancellationToken)
    {
        var run = new Run(maxConversations);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(duration);
        var started = time.GetTimestamp();
        var customers = Enumerable.Range(0, Math.Min(concurrent, maxConversations))
            .Select(_ => Task.Run(() => CustomerAsync(run, firstScript, deadline.Token), CancellationToken.None));
        await Task.WhenAll(customers);
        cancellationToken.ThrowIfCancellationRequested();
        return new BotLoadResult(bot, concurrent, run.Started, run.Completed, run.Turns, time.GetElapsedTime(started),
            run.Latencies.Summarize(), new SortedDictionary<string, int>(run.Errors, StringComparer.Ordinal));
    }

    private async Task CustomerAsync(Run run, int firstScript, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && run.TryStart(out var index))
        {
            var home = index % baseUrls.Count;
            var posts = baseUrls.Skip(home).Concat(baseUrls.Take(home)).ToList();
            await ConverseAsync(run, posts, CustomerScript.Pick(firstScript + index, options.Turns, options.Seed), stop);
        }
    }

    private async Task ConverseAsync(Run run, IReadOnlyList<Uri> instances, IReadOnlyList<string> script, CancellationToken stop)
    {
        try
        {
            await using var conversation = await DirectLineConversation.StartAsync(http, instances[0], time, stop, instances);
            await conversation.JoinAsync(options.ReplyTimeout, stop);
            foreach (var message in script)
            {
                run.Latencies.Record(await conversation.SayAsync(message, options.ReplyTimeout, stop));
                Interlocked.Increment(ref run.Turns);
            }
            Interlocked.Increment(ref run.Completed);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run's time is up: what finished is counted, the rest is not.
        }
        catch (Exception ex)
        {
            run.Errors.AddOrUpdate(Kind(ex), 1, (_, n) => n + 1);
        }
    }

    private static string Kind(Exception ex) => ex switch
    {
        LoadFailure failure => failure.Kind,
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException => "connection",
        WebSocketException => "websocket",
        JsonException => "bad response",
        // HttpClient.Timeout, not the run's deadline.
        TaskCanceledException { InnerException: TimeoutException } => "http timeout",
        // Anything else is still one failed conversation, named so it can be looked into.
        _ => ex.GetType().Name,
    };

    /// <summary>Counters of one run, shared by its customers: updated with Interlocked or thread-safe collections only.</summary>
    private sealed class Run(int maxConversations)
    {
        private int started;
        public int Completed;
        public int Turns;

        public LatencyRecorder Latencies { get; } = new();
        public ConcurrentDictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);
        public int Started => Math.Min(Volatile.Read(ref started), maxConversations);

        public bool TryStart(out int index)
        {
            index = Interlocked.Increment(ref started) - 1;
            return index < maxConversations;
        }
    }
}

using System.Text.Json;
using CrmBot.BotFramework.Connector;
using CrmBot.BotFramework.DirectLine;
using CrmBot.BotFramework.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.Builder;

/// <summary>
/// Runs bot turns of every channel. Turns of one conversation run one after another in arrival order; different
/// conversations run in parallel up to <see cref="TurnRunnerOptions.MaxConcurrentTurns"/>. A turn that came through
/// the <see cref="IActivityInbox"/> is completed there once the bot has finished it (unless the turn's context did so
/// with its last replies), and at start-up every turn still pending from before a crash or restart is run again before
/// any new one of its conversation. A failing turn is logged and stays pending for the next start. On shutdown it
/// waits for running turns until the host's shutdown timeout, then cancels them. Thread-safe: the queue tails live in a
/// dictionary under one lock.
/// </summary>
public sealed partial class TurnRunner : IHostedService, IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Task> tails = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim slots;
    private readonly IServiceProvider services;
    private readonly IServiceScopeFactory scopes;
    private readonly TurnRunnerOptions options;
    private readonly ILogger<TurnRunner> logger;

    public TurnRunner(IServiceProvider services, IServiceScopeFactory scopes, IOptions<TurnRunnerOptions> options, ILogger<TurnRunner> logger)
    {
        this.services = services;
        this.scopes = scopes;
        this.options = options.Value;
        this.logger = logger;
        slots = new SemaphoreSlim(this.options.MaxConcurrentTurns);
    }

    /// <summary>
    /// Queues the turn behind its conversation's earlier ones; the task completes when it has run or failed. The bot is
    /// <paramref name="bot"/>, or else the registered <see cref="IBot"/> resolved in the turn's own scope.
    /// </summary>
    public Task RunAsync(ITurnContext turn, long? pendingTurnId, IBot? bot = null)
    {
        var activity = turn.Activity;
        var key = (activity.ChannelId ?? "") + "\n" + (activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(turn)));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task previous;
        lock (gate)
        {
            previous = tails.GetValueOrDefault(key) ?? Task.CompletedTask;
            tails[key] = done.Task;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await previous;
                await RunOneAsync(turn, pendingTurnId, bot);
            }
            finally
            {
                lock (gate)
                {
                    if (tails.TryGetValue(key, out var tail) && tail == done.Task)
                    {
                        tails.Remove(key);
                    }
                }
                done.SetResult();
            }
        });
        return done.Task;
    }

    /// <summary>Queues the turn and returns at once: the activity is already stored and acknowledged.</summary>
    public void Enqueue(ITurnContext turn, long? pendingTurnId) => _ = RunAsync(turn, pendingTurnId);

    private async Task RunOneAsync(ITurnContext turn, long? pendingTurnId, IBot? bot)
    {
        var activity = turn.Activity;
        try
        {
            await slots.WaitAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            LogNotRun(logger, activity.Conversation?.Id, activity.Id);
            return;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            timeout.CancelAfter(options.TurnTimeout);
            await using var scope = scopes.CreateAsyncScope();
            await (bot ?? scope.ServiceProvider.GetRequiredService<IBot>()).OnTurnAsync(turn, timeout.Token);
            if (pendingTurnId is { } id && !turn.CompletedPendingTurn)
            {
                await scope.ServiceProvider.GetRequiredService<IActivityInbox>().CompleteAsync(id, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogCancelled(logger, activity.Conversation?.Id, activity.Id);
        }
        catch (Exception ex)
        {
            // The activity is stored and acknowledged; its turn stays pending and is tried again at the next start.
            LogFailed(logger, ex, activity.Conversation?.Id, activity.Id, activity.Type);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Runs again every turn a crash or restart left unfinished, before the host starts accepting requests.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IActivityInbox>() is not { } inbox)
        {
            return;
        }
        var pending = await inbox.ResumeAsync(options.MaxAttempts, cancellationToken);
        if (pending.GivenUp > 0)
        {
            LogGivenUp(logger, pending.GivenUp, options.MaxAttempts);
        }
        foreach (var turn in pending.Turns)
        {
            var activity = JsonSerializer.Deserialize<Activity>(turn.ActivityJson, BotJson.Options)
                ?? throw new InvalidOperationException($"Pending turn {turn.Id} holds no activity.");
            ITurnContext context = turn.ChannelId == DirectLineChannel.ChannelId
                ? new DirectLineTurnContext(activity, services.GetRequiredService<DirectLineChannel>(), turn.Id, resumed: true)
                : new TurnContext(activity, services.GetRequiredService<ConnectorClient>());
            Enqueue(context, turn.Id);
        }
        if (pending.Turns.Count > 0)
        {
            LogResumed(logger, pending.Turns.Count);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (gate)
        {
            running = [.. tails.Values];
        }
        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogCancellingAtShutdown(logger, running.Count(t => !t.IsCompleted));
            await stopping.CancelAsync();
        }
    }

    /// <summary>Cancels what is left; the token source and semaphore stay undisposed because abandoned turns may still touch them.</summary>
    public void Dispose() => stopping.Cancel();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot turn for {ConversationId} activity {ActivityId} not run: shutting down; it stays pending for the next start")]
    private static partial void LogNotRun(ILogger logger, string? conversationId, string? activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot turn for {ConversationId} activity {ActivityId} cancelled by shutdown; it stays pending for the next start")]
    private static partial void LogCancelled(ILogger logger, string? conversationId, string? activityId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot turn failed for {ConversationId} activity {ActivityId} ({ActivityType})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? conversationId, string? activityId, string? activityType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up {Count} pending turns tried {MaxAttempts} times (Turns:MaxAttempts); their messages stay in the conversation logs")]
    private static partial void LogGivenUp(ILogger logger, int count, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming {Count} bot turns left unfinished by the last run")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cancelling {TurnQueues} bot turn queues still running at shutdown")]
    private static partial void LogCancellingAtShutdown(ILogger logger, int turnQueues);
}

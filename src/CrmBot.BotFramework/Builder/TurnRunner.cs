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
/// waits for running turns until the host's shutdown timeout, then cancels them. With several instances on one store
/// (<see cref="IConversationTurnLock"/> and <see cref="ITurnInstances"/> registered), a turn also holds its
/// conversation's lock across instances while it runs, and instead of resuming every pending turn at start-up each
/// instance takes over, then and every <see cref="ITurnInstances.TakeOverInterval"/>, the turns of instances that died.
/// Thread-safe: the queue tails live in a dictionary under one lock.
/// </summary>
public sealed partial class TurnRunner : IHostedService, IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Task> tails = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource stopTakingOver = new();
    private readonly SemaphoreSlim slots;
    private readonly IServiceProvider services;
    private readonly IServiceScopeFactory scopes;
    private readonly TurnRunnerOptions options;
    private readonly ILogger<TurnRunner> logger;
    private readonly IConversationTurnLock? turnLock;
    private readonly ITurnInstances? instances;
    private Task takingOver = Task.CompletedTask;

    public TurnRunner(IServiceProvider services, IServiceScopeFactory scopes, IOptions<TurnRunnerOptions> options, ILogger<TurnRunner> logger,
        IConversationTurnLock? turnLock = null, ITurnInstances? instances = null)
    {
        this.turnLock = turnLock;
        this.instances = instances;
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
                await RunOneAsync(key, turn, pendingTurnId, bot);
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

    private async Task RunOneAsync(string key, ITurnContext turn, long? pendingTurnId, IBot? bot)
    {
        var activity = turn.Activity;
        IHeldTurnLock? held = null;
        try
        {
            // The conversation's lock before a slot: a turn waiting for another instance must not hold one of ours.
            if (turnLock is not null)
            {
                held = await turnLock.AcquireAsync(key, stopping.Token);
            }
            await slots.WaitAsync(stopping.Token);
        }
        catch (Exception ex)
        {
            if (held is not null)
            {
                await held.DisposeAsync();
            }
            if (ex is OperationCanceledException)
            {
                LogNotRun(logger, activity.Conversation?.Id, activity.Id);
            }
            else
            {
                LogFailed(logger, ex, activity.Conversation?.Id, activity.Id, activity.Type);
            }
            return;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, held?.Lost ?? CancellationToken.None);
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
        catch (OperationCanceledException) when (held?.Lost.IsCancellationRequested == true)
        {
            LogLockLost(logger, activity.Conversation?.Id, activity.Id);
        }
        catch (Exception ex)
        {
            // The activity is stored and acknowledged; its turn stays pending and is tried again at the next start.
            LogFailed(logger, ex, activity.Conversation?.Id, activity.Id, activity.Type);
        }
        finally
        {
            slots.Release();
            if (held is not null)
            {
                await held.DisposeAsync();
            }
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
        if (instances is not null)
        {
            Run(await inbox.TakeOverAsync(instances, options.MaxAttempts, cancellationToken));
            takingOver = TakeOverLoopAsync(instances);
            return;
        }
        Run(await inbox.ResumeAsync(options.MaxAttempts, cancellationToken));
    }

    /// <summary>Several instances: every interval, run the pending turns of instances that died.</summary>
    private async Task TakeOverLoopAsync(ITurnInstances instances)
    {
        using var timer = new PeriodicTimer(instances.TakeOverInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopTakingOver.Token))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var inbox = scope.ServiceProvider.GetRequiredService<IActivityInbox>();
                    Run(await inbox.TakeOverAsync(instances, options.MaxAttempts, stopTakingOver.Token));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store or the lease service is unreachable for a moment; the next tick looks again.
                    LogTakeOverFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Run(PendingTurns pending)
    {
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
        await stopTakingOver.CancelAsync();
        await takingOver;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot turn for {ConversationId} activity {ActivityId} stopped: its conversation lock was lost; it stays pending")]
    private static partial void LogLockLost(ILogger logger, string? conversationId, string? activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for pending turns of stopped instances failed; trying again at the next interval")]
    private static partial void LogTakeOverFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up {Count} pending turns tried {MaxAttempts} times (Turns:MaxAttempts); their messages stay in the conversation logs")]
    private static partial void LogGivenUp(ILogger logger, int count, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming {Count} bot turns left unfinished by the last run (or by an instance that stopped)")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cancelling {TurnQueues} bot turn queues still running at shutdown")]
    private static partial void LogCancellingAtShutdown(ILogger logger, int turnQueues);
}

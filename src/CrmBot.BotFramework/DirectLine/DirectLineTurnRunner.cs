using CrmBot.BotFramework.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Runs bot turns after the client's POST has been stored and answered. Azure answers the POST only after the bot's
/// HTTP response (digest §4.3), but Web Chat needs only the echo and the id to mark a message sent (§4.9): answering
/// at once keeps a slow turn (an LLM call) from tripping Web Chat's send timeout. Turns of one conversation run one
/// after another, in arrival order; different conversations run in parallel up to
/// <see cref="DirectLineOptions.MaxConcurrentTurns"/>. A failing turn is logged and never touches the stored activity.
/// On shutdown it waits for running turns until the host's shutdown timeout, then cancels them.
/// Thread-safe: the queue tails live in a dictionary under one lock.
/// </summary>
internal sealed class DirectLineTurnRunner : IHostedService, IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Task> tails = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim slots;
    private readonly IServiceScopeFactory scopes;
    private readonly DirectLineOptions options;
    private readonly ILogger<DirectLineTurnRunner> logger;

    public DirectLineTurnRunner(IServiceScopeFactory scopes, IOptions<DirectLineOptions> options, ILogger<DirectLineTurnRunner> logger)
    {
        this.scopes = scopes;
        this.options = options.Value;
        this.logger = logger;
        slots = new SemaphoreSlim(this.options.MaxConcurrentTurns);
    }

    public void Enqueue(ITurnContext turn)
    {
        var conversationId = turn.Activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(turn));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task previous;
        lock (gate)
        {
            previous = tails.GetValueOrDefault(conversationId) ?? Task.CompletedTask;
            tails[conversationId] = done.Task;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await previous;
                await RunAsync(turn, conversationId);
            }
            finally
            {
                lock (gate)
                {
                    if (tails.TryGetValue(conversationId, out var tail) && tail == done.Task)
                    {
                        tails.Remove(conversationId);
                    }
                }
                done.SetResult();
            }
        });
    }

    private async Task RunAsync(ITurnContext turn, string conversationId)
    {
        var activity = turn.Activity;
        try
        {
            await slots.WaitAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Bot turn for {ConversationId} activity {ActivityId} not run: shutting down", conversationId, activity.Id);
            return;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            timeout.CancelAfter(options.TurnTimeout);
            await using var scope = scopes.CreateAsyncScope();
            var bot = scope.ServiceProvider.GetRequiredService<IBot>();
            await bot.OnTurnAsync(turn, timeout.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogWarning("Bot turn for {ConversationId} activity {ActivityId} cancelled by shutdown", conversationId, activity.Id);
        }
        catch (Exception ex)
        {
            // The user's activity is already stored and echoed; a failed turn only means no reply.
            logger.LogError(ex, "Bot turn failed for {ConversationId} activity {ActivityId} ({ActivityType})", conversationId, activity.Id, activity.Type);
        }
        finally
        {
            slots.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
            logger.LogWarning("Cancelling {TurnQueues} bot turn queues still running at shutdown", running.Count(t => !t.IsCompleted));
            await stopping.CancelAsync();
        }
    }

    /// <summary>Cancels what is left; the token source and semaphore stay undisposed because abandoned turns may still touch them.</summary>
    public void Dispose() => stopping.Cancel();
}

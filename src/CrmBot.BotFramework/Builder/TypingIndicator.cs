using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Builder;

/// <summary>
/// Shows "typing…" while a slow turn works (SDK ShowTypingMiddleware): sends a <c>typing</c> activity once the turn has
/// run for <c>delay</c>, then every <c>period</c>. Clients show one for about 3 s (A6000) and should not get more than
/// one every 2–3 s (A6001), hence 2.5 s. Disposing stops it and waits for an in-flight send, so dispose before the final
/// reply to keep "typing" from showing after it.
/// <code>await using (TypingIndicator.Start(turnContext, cancellationToken)) { answer = await SlowWorkAsync(); }</code>
/// </summary>
public sealed class TypingIndicator : IAsyncDisposable
{
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromSeconds(2.5);

    private readonly CancellationTokenSource stop;
    private readonly Task loop;

    private TypingIndicator(ITurnContext turnContext, TimeSpan delay, TimeSpan period, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        loop = RunAsync(turnContext, delay, period, timeProvider, stop.Token);
    }

    public static TypingIndicator Start(ITurnContext turnContext, CancellationToken cancellationToken, TimeSpan? delay = null, TimeSpan? period = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var every = period ?? DefaultPeriod;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero, nameof(period));
        return new TypingIndicator(turnContext, delay ?? DefaultDelay, every, timeProvider ?? TimeProvider.System, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task RunAsync(ITurnContext turnContext, TimeSpan delay, TimeSpan period, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, cancellationToken);
                await Task.Delay(period, timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The turn ended: the normal way out.
        }
        catch (Exception)
        {
            // Typing is cosmetic: a failed send (channel throttling, conversation gone) stops the indicator and must not
            // fail the turn; the turn's own sends report the same problem to the bot.
        }
    }
}

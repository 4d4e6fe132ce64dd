using System.Collections.Concurrent;
using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.Schema;

namespace CrmBot.Tests.BotFramework;

/// <summary>A bot that records every turn and then does whatever the test asks.</summary>
public sealed class RecordingBot(Func<ITurnContext, CancellationToken, Task>? onTurn = null) : IBot
{
    private readonly ConcurrentQueue<Activity> turns = new();

    public IReadOnlyList<Activity> Turns => [.. turns];

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        turns.Enqueue(turnContext.Activity);
        if (onTurn is not null)
        {
            await onTurn(turnContext, cancellationToken);
        }
    }
}

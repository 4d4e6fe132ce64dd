using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.Schema;

namespace CrmBot.Tests.DirectLine;

/// <summary>Answers "echo: {text}"; "boom" makes the turn fail. Records every turn it sees.</summary>
public sealed class EchoBot(BotTurnLog log) : IBot
{
    public const string FailingText = "boom";

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        log.Record(activity);
        if (activity.Type != ActivityTypes.Message)
        {
            return;
        }
        if (activity.Text == FailingText)
        {
            throw new InvalidOperationException("The bot failed on purpose.");
        }
        await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, cancellationToken);
        await turnContext.SendActivityAsync(new Activity { Text = "echo: " + activity.Text }, cancellationToken);
    }
}

namespace CrmBot.BotFramework.Builder;

/// <summary>The bot's turn logic, called once per incoming activity by an adapter (SDK: Microsoft.Bot.Builder.IBot).</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

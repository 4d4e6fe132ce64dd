using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.Cards;
using CrmBot.BotFramework.Schema;

namespace CrmBot.Channels;

/// <summary>
/// Benchmark only: answers every message with its own text and the join event with a greeting, without the engine,
/// the store or the models. The load generator (tests/CrmBot.Benchmarks, <c>load</c>) runs it on the same Direct Line
/// endpoint as the real bot, so the real bot's figures can be read as a ratio to the channel's own cost. Stateless; a singleton.
/// </summary>
public sealed class EchoBot : IBot
{
    /// <summary>The switch that registers this bot instead of <see cref="CustomerServiceBot"/>; never set it in production.</summary>
    public const string ConfigurationKey = "Benchmark:EchoBot";

    /// <remarks>Answers as the real bot does (one send for the whole answer), so both pay the same channel costs.</remarks>
    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        return activity.Type switch
        {
            ActivityTypes.Message => turnContext.SendActivitiesAsync([MessageFactory.Text($"You said: {activity.Text}")], cancellationToken),
            ActivityTypes.Event when activity.Name == CustomerServiceBot.JoinEvent =>
                turnContext.SendActivitiesAsync([MessageFactory.Text("Hello, I am the echo bot.")], cancellationToken),
            _ => Task.CompletedTask,
        };
    }
}

namespace CrmBot.BotFramework.Schema;

/// <summary>Quick replies shown under a message until the user answers.</summary>
public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

namespace CrmBot.Core.Messages;

/// <summary>One reply from the bot: text, optional quick replies, optional product cards. Channels decide how to render them.</summary>
public sealed record BotMessage(string Text, string HandledBy)
{
    public IReadOnlyList<string> SuggestedActions { get; init; } = [];
    public IReadOnlyList<ProductSuggestion> Products { get; init; } = [];
}

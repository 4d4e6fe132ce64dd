namespace CrmBot.BotFramework.DirectLine;

/// <summary>The outcome of checking a token: its conversation and user when valid.</summary>
internal sealed record DirectLineTokenCheck(DirectLineTokenStatus Status, string? ConversationId = null, string? UserId = null)
{
    public static DirectLineTokenCheck Expired { get; } = new(DirectLineTokenStatus.Expired);
    public static DirectLineTokenCheck Invalid { get; } = new(DirectLineTokenStatus.Invalid);
}

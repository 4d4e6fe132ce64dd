namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Who is calling, from the Authorization header: the secret holder (any conversation, digest §4.2) or the holder of a
/// token for one conversation, possibly bound to one user id.
/// </summary>
internal sealed record DirectLineCaller(bool IsSecret, string? ConversationId, string? UserId)
{
    public static DirectLineCaller Secret { get; } = new(true, null, null);

    public bool CanAccess(string conversationId) => IsSecret || string.Equals(ConversationId, conversationId, StringComparison.Ordinal);
}

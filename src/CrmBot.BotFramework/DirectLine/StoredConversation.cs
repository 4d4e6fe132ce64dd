namespace CrmBot.BotFramework.DirectLine;

/// <summary>A Direct Line conversation: its user (when known) and the sequence number of its last activity (the watermark).</summary>
public sealed record StoredConversation(string Id, string? UserId, DateTimeOffset CreatedAt, long LastSequence = 0);

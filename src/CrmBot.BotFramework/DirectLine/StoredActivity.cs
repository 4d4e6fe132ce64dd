namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// One activity of a conversation's log as the wire carries it: <see cref="Json"/> is the complete activity (with its
/// id and timestamp), written once and served verbatim to every client. The other fields are copies for querying.
/// </summary>
public sealed record StoredActivity(long Sequence, string ActivityId, string Type, string? FromRole, DateTimeOffset Timestamp, string Json);

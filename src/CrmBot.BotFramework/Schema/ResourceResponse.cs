namespace CrmBot.BotFramework.Schema;

/// <summary>The id a channel assigned to an activity it accepted.</summary>
public sealed record ResourceResponse(string Id);

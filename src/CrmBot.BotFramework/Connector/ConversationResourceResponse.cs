namespace CrmBot.BotFramework.Connector;

/// <summary>Answer to create-conversation: the new conversation's id, and the id of its first activity when one was sent.</summary>
public sealed record ConversationResourceResponse(string Id, string? ActivityId = null, string? ServiceUrl = null);

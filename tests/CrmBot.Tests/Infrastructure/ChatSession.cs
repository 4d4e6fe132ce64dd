using CrmBot.Core.Conversations;

namespace CrmBot.Tests.Infrastructure;

/// <summary>One customer chatting: sends messages as a channel would and keeps the replies.</summary>
public sealed class ChatSession(CrmBotAppFixture app, string channel = "test")
{
    private int _messages;

    public string ConversationId { get; } = "conv-" + Guid.NewGuid().ToString("N");
    public string AccountId { get; } = "user-" + Guid.NewGuid().ToString("N");
    public Guid? StoredConversationId { get; private set; }
    public List<TurnResult> Turns { get; } = [];

    public static async Task<ChatSession> AsCustomerAsync(CrmBotAppFixture app, string email)
    {
        var session = new ChatSession(app);
        Assert.True(await app.Engine.LinkAccountAsync("test", session.AccountId, email, default));
        return session;
    }

    public async Task<TurnResult> SayAsync(string? text)
    {
        var result = await app.Engine.HandleAsync(new InboundMessage(channel, ConversationId, AccountId, text, "m" + ++_messages), default);
        StoredConversationId = result.ConversationId;
        Turns.Add(result);
        return result;
    }

    /// <summary>All reply texts of the last turn, joined, for "the bot said …" assertions.</summary>
    public string LastReply => string.Join("\n", Turns[^1].Replies.Select(r => r.Text));
}

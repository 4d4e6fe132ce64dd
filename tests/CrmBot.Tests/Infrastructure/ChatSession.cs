using CrmBot.Core.Engine;

namespace CrmBot.Tests.Infrastructure;

/// <summary>One customer chatting: sends messages as a channel would and keeps the replies.</summary>
public sealed class ChatSession(ConversationEngine engine, string channel = "test")
{
    private int _messages;

    public ChatSession(CrmBotAppFixture app, string channel = "test") : this(app.Engine, channel)
    {
    }

    public string ConversationId { get; } = "conv-" + Guid.NewGuid().ToString("N");
    public string AccountId { get; } = "user-" + Guid.NewGuid().ToString("N");
    public Guid? StoredConversationId { get; private set; }
    public List<TurnResult> Turns { get; } = [];

    public static Task<ChatSession> AsCustomerAsync(CrmBotAppFixture app, string email) => AsCustomerAsync(app.Engine, email);

    public static async Task<ChatSession> AsCustomerAsync(ConversationEngine engine, string email)
    {
        var session = new ChatSession(engine);
        Assert.True(await engine.LinkAccountAsync("test", session.AccountId, email, default));
        return session;
    }

    public async Task<TurnResult> SayAsync(string? text, string? clickedSku = null)
    {
        var result = await engine.HandleAsync(
            new InboundMessage(channel, ConversationId, AccountId, text, "m" + ++_messages) { ClickedProductSku = clickedSku }, default);
        StoredConversationId = result.ConversationId;
        Turns.Add(result);
        return result;
    }

    /// <summary>Sends <paramref name="text"/> and returns the bot's replies to it, joined.</summary>
    public async Task<string> ReplyToAsync(string text)
    {
        await SayAsync(text);
        return LastReply;
    }

    /// <summary>All reply texts of the last turn, joined, for "the bot said …" assertions.</summary>
    public string LastReply => string.Join("\n", Turns[^1].Replies.Select(r => r.Text));

    /// <summary>The quick replies offered in the last turn.</summary>
    public IReadOnlyList<string> LastActions => Turns[^1].Replies.SelectMany(r => r.SuggestedActions).ToList();

    /// <summary>Whether any turn so far handed the conversation to a person.</summary>
    public bool Escalated => Turns.Any(t => t.EscalationReference is not null);
}

using CrmBot.Core.Conversations;
using CrmBot.Tests.Handoff;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Infrastructure;

/// <summary>A customer chatting with a <see cref="SeededApp"/>'s engine.</summary>
public sealed class ChattingCustomer(HandoffApp app)
{
    private int _messages;

    public string ConversationId { get; } = "conv-" + Guid.NewGuid().ToString("N");
    public string AccountId { get; } = "user-" + Guid.NewGuid().ToString("N");
    public List<TurnResult> Turns { get; } = [];

    private ConversationEngine Engine => app.Services.GetRequiredService<ConversationEngine>();

    public static async Task<ChattingCustomer> SignedInAsync(HandoffApp app, string email)
    {
        var customer = new ChattingCustomer(app);
        Assert.True(await customer.Engine.LinkAccountAsync("test", customer.AccountId, email, default));
        return customer;
    }

    public async Task<string> SayAsync(string text)
    {
        var result = await Engine.HandleAsync(new InboundMessage("test", ConversationId, AccountId, text, "m" + ++_messages), default);
        Turns.Add(result);
        return LastReply;
    }

    /// <summary>All reply texts of the last turn, joined.</summary>
    public string LastReply => string.Join("\n", Turns[^1].Replies.Select(r => r.Text));

    public IReadOnlyList<string> LastActions => Turns[^1].Replies.SelectMany(r => r.SuggestedActions).ToList();

    public bool Escalated => Turns.Any(t => t.EscalationReference is not null);
}

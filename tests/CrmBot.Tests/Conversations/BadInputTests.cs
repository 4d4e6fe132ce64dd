using CrmBot.Core.Conversations;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CrmBot.Core.Customers;

namespace CrmBot.Tests.Conversations;

/// <summary>Whatever a customer sends gets a sensible reply and is stored (redacted where needed); nothing crashes.</summary>
[Collection(AppCollection.Name)]
public class BadInputTests(CrmBotAppFixture app)
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    \t ")]
    [InlineData("where\u0000 is\u0007 my order\u001b")]
    [InlineData("😡😡😡")]
    [InlineData("👍")]
    [InlineData("¿Dónde está mi pedido? Lo pedí hace dos semanas")]
    [InlineData("'; DROP TABLE Customers; --")]
    [InlineData("<script>alert('x')</script><img src=x onerror=alert(1)>")]
    [InlineData("ﷺ𝕳𝖊𝖑𝖑𝖔 \u202Eevil")]
    public async Task Odd_messages_get_a_reply_and_are_stored(string? text)
    {
        var chat = new ChatSession(app);
        var result = await chat.SayAsync(text);
        Assert.NotEmpty(result.Replies);
        Assert.All(result.Replies, r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));
        await using var db = app.NewDb();
        Assert.True(await db.Interactions.AnyAsync(i => i.Id == result.InteractionId && i.Direction == InteractionDirection.Inbound));
        Assert.True(await db.Customers.AnyAsync());
    }

    [Fact]
    public async Task Overlong_message_is_cut_stored_and_the_customer_told()
    {
        var chat = new ChatSession(app);
        var result = await chat.SayAsync("my order has not arrived " + new string('x', 5000));
        Assert.Contains("first 2,000 characters", chat.LastReply);
        await using var db = app.NewDb();
        var stored = await db.Interactions.SingleAsync(i => i.Id == result.InteractionId);
        Assert.Equal(2000, stored.Text.Length);
        Assert.Contains("truncated", stored.Flags);
    }

    [Fact]
    public async Task Card_numbers_emails_and_phones_never_reach_the_store()
    {
        var chat = new ChatSession(app);
        var result = await chat.SayAsync("my card 4111 1111 1111 1111 was charged twice, email me at jo.bloggs@example.com or call 07700 900123");
        await using var db = app.NewDb();
        var stored = await db.Interactions.Where(i => i.ConversationId == result.ConversationId).ToListAsync();
        var all = string.Join("\n", stored.Select(i => i.Text + i.Entities + i.Flags));
        Assert.DoesNotContain("4111", all);
        Assert.DoesNotContain("jo.bloggs", all);
        Assert.DoesNotContain("900123", all);
        Assert.Contains("[card number]", stored[0].Text);
        Assert.Contains("redacted-card", stored[0].Flags);
    }

    [Fact]
    public async Task Foreign_language_message_is_answered_in_english_with_an_offer_of_a_person()
    {
        var chat = new ChatSession(app);
        await chat.SayAsync("Bonjour, où est ma commande? Je l'attends depuis une semaine");
        Assert.Contains("only chat in English", chat.LastReply);
    }
}

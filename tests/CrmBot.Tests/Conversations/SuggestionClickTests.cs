using CrmBot.Core.Products;
using CrmBot.Core.Recommendations;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Tests.Conversations;

/// <summary>Pressing a suggested product's card button is stored as the suggestion's click, through the real engine.</summary>
[Collection(AppCollection.Name)]
public class SuggestionClickTests(CrmBotAppFixture app)
{
    [Fact]
    public async Task Pressing_see_details_on_a_suggested_product_marks_that_suggestion_clicked_once()
    {
        var chat = new ChatSession(app);
        var shown = (await chat.SayAsync("laptop under £400?")).Replies.SelectMany(r => r.Products).ToList();
        Assert.NotEmpty(shown);
        var pressed = shown[^1];

        await chat.SayAsync($"Tell me about the {pressed.Name}", clickedSku: pressed.Sku);
        await chat.SayAsync($"I have a question about the {pressed.Name}", clickedSku: pressed.Sku);

        await using var db = app.NewDb();
        var events = await db.RecommendationEvents.AsNoTracking().Where(e => e.ConversationId == chat.StoredConversationId)
            .Join(db.Products, e => e.ProductId, p => p.Id, (e, p) => new { p.Sku, e.ClickedAt }).ToListAsync();
        Assert.Equal(shown.Count, events.Count);
        var clicked = Assert.Single(events, e => e.ClickedAt is not null);
        Assert.Equal(pressed.Sku, clicked.Sku);
        Assert.Contains(pressed.Name, chat.LastReply);
    }

    [Fact]
    public async Task A_card_from_another_conversation_counts_no_click()
    {
        var first = new ChatSession(app);
        var product = (await first.SayAsync("laptop under £400?")).Replies.SelectMany(r => r.Products).First();

        var second = new ChatSession(app);
        await second.SayAsync($"Tell me about the {product.Name}", clickedSku: product.Sku);

        await using var db = app.NewDb();
        Assert.False(await db.RecommendationEvents.AnyAsync(e => e.ConversationId == first.StoredConversationId && e.ClickedAt != null));
        Assert.False(await db.RecommendationEvents.AnyAsync(e => e.ConversationId == second.StoredConversationId));
    }
}

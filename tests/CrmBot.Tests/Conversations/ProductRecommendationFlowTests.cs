using CrmBot.Core.Seeding;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CrmBot.Core.Recommendations;

namespace CrmBot.Tests.Conversations;

/// <summary>Product suggestions through the real engine: intent, the product_recommendation dialog, the plugin and the store.</summary>
[Collection(AppCollection.Name)]
public class ProductRecommendationFlowTests(CrmBotAppFixture app)
{
    private const string ShoppingForPrompt = "What are you shopping for?";

    [Fact]
    public async Task Laptop_under_400_is_suggested_at_once_and_never_a_dearer_one()
    {
        var chat = new ChatSession(app);

        var result = await chat.SayAsync("laptop under £400?");

        Assert.Contains("Here are laptops under £400:", chat.LastReply);
        Assert.DoesNotContain(ShoppingForPrompt, chat.LastReply);
        var products = result.Replies.SelectMany(r => r.Products).ToList();
        Assert.NotEmpty(products);
        Assert.All(products, p => Assert.True(p.Price <= 400, $"{p.Name} costs {p.Price}"));
        Assert.All(products, p => Assert.Contains("Under your £400 budget", p.Reason));
    }

    [Fact]
    public async Task Nothing_within_the_budget_is_said_honestly_with_the_closest_alternatives()
    {
        var chat = new ChatSession(app);

        var result = await chat.SayAsync("recommend me a laptop under £200");

        Assert.Contains("Nothing under £200 in laptops right now; the closest are:", chat.LastReply);
        Assert.Equal("Nimbus Cloudbook 11", result.Replies.SelectMany(r => r.Products).First().Name);
    }

    [Fact]
    public async Task Bulb_owner_is_offered_what_goes_with_her_bulb_by_name()
    {
        var chat = await ChatSession.AsCustomerAsync(app, DemoDataSeeder.DemoCustomerEmail);

        var result = await chat.SayAsync("what would go well with my smart bulb?");

        Assert.Contains("These go well with your Lumora Glow E27:", chat.LastReply);
        var products = result.Replies.SelectMany(r => r.Products).ToList();
        Assert.NotEmpty(products);
        Assert.All(products, p => Assert.Equal("Smart Home", p.Category));
        Assert.All(products, p => Assert.Contains("Lumora Glow E27", p.Reason));
        await using var db = app.NewDb();
        var strategies = await db.RecommendationEvents.Where(r => r.ConversationId == chat.StoredConversationId).Select(r => r.Strategy).ToListAsync();
        Assert.Equal(products.Count, strategies.Count);
        Assert.DoesNotContain("category-best-sellers", strategies);
    }

    [Fact]
    public async Task Going_with_something_the_customer_does_not_own_asks_what_they_are_shopping_for()
    {
        var chat = await ChatSession.AsCustomerAsync(app, DemoDataSeeder.DemoCustomerEmail);

        await chat.SayAsync("something to go with my drone, any ideas?");
        Assert.Contains("couldn't find your drone", chat.LastReply);
        Assert.Contains(ShoppingForPrompt, chat.LastReply);

        var result = await chat.SayAsync("headphones please");
        var products = result.Replies.SelectMany(r => r.Products).ToList();
        Assert.NotEmpty(products);
        Assert.All(products, p => Assert.Equal("Audio", p.Category));
    }

    [Fact]
    public async Task A_request_with_nothing_to_go_on_asks_for_the_category_first()
    {
        var chat = new ChatSession(app);

        await chat.SayAsync("can you recommend me something good");
        Assert.Contains(ShoppingForPrompt, chat.LastReply);
        Assert.Contains("Laptops", chat.Turns[^1].Replies[^1].SuggestedActions);

        var result = await chat.SayAsync("a laptop");
        Assert.Contains("Here are our best sellers in laptops:", chat.LastReply);
        Assert.All(result.Replies.SelectMany(r => r.Products), p => Assert.Equal("Laptops", p.Category));
    }
}

using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Tests.Conversations;

/// <summary>When products are shown, asked for or not, through the real engine and the seeded shop.</summary>
[Collection(AppCollection.Name)]
public class SuggestionMomentFlowTests(CrmBotAppFixture app)
{
    [Fact]
    public async Task A_happy_customer_who_agreed_to_marketing_gets_one_offer_as_they_say_thanks()
    {
        var chat = await ChatSession.AsCustomerAsync(app, await ConsentingCustomerAsync(skip: 7));
        await chat.SayAsync("what are your delivery options?");

        var thanks = await chat.SayAsync("brilliant, thanks so much, that's really helpful!");

        var offer = Assert.Single(thanks.Replies, r => r.Products.Count > 0);
        Assert.StartsWith("Before you go", offer.Text);
        Assert.All(offer.Products, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
        var again = await chat.SayAsync("great, thanks again, bye!");
        Assert.DoesNotContain(again.Replies, r => r.Products.Count > 0);
        await using var db = app.NewDb();
        Assert.Equal(offer.Products.Count, await db.RecommendationEvents.CountAsync(e => e.ConversationId == chat.StoredConversationId));
    }

    [Fact]
    public async Task An_angry_customer_gets_no_offer_even_when_they_sign_off()
    {
        var chat = await ChatSession.AsCustomerAsync(app, await ConsentingCustomerAsync(skip: 8));
        await chat.SayAsync("this is the worst service I have ever had, absolutely useless and I am furious");

        var bye = await chat.SayAsync("thanks for nothing, bye");

        Assert.DoesNotContain(bye.Replies, r => r.Products.Count > 0);
    }

    /// <summary>
    /// A seeded customer who agreed to marketing and has nothing open with the team, that no other test chats as:
    /// an open escalation of theirs would (rightly) stop the offer.
    /// </summary>
    private async Task<string> ConsentingCustomerAsync(int skip)
    {
        await using var db = app.NewDb();
        return await db.Customers.Where(c => c.MarketingConsent && c.MarkedForDeletionAt == null && !db.Set<Escalation>().Any(e => e.CustomerId == c.Id))
            .OrderByDescending(c => c.Id).Skip(skip).Select(c => c.Email).FirstAsync();
    }

    [Fact]
    public async Task An_angry_customer_asking_for_recommendations_gets_an_apology_not_a_carousel()
    {
        var chat = await ChatSession.AsCustomerAsync(app, await ConsentingCustomerAsync(skip: 9));

        var result = await chat.SayAsync("I'm absolutely furious, the headphones you sold me broke after a week, just recommend me some headphones that actually work");

        Assert.DoesNotContain(result.Replies, r => r.Products.Count > 0);
        await using var db = app.NewDb();
        Assert.False(await db.RecommendationEvents.AnyAsync(e => e.ConversationId == chat.StoredConversationId));
    }

    [Fact]
    public async Task A_content_customer_asking_for_recommendations_gets_a_carousel_with_reasons()
    {
        var chat = await ChatSession.AsCustomerAsync(app, await ConsentingCustomerAsync(skip: 10));

        var result = await chat.SayAsync("can you recommend me some headphones?");

        var products = result.Replies.SelectMany(r => r.Products).ToList();
        Assert.NotEmpty(products);
        Assert.All(products, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
    }

    [Fact]
    public async Task A_customer_without_marketing_consent_gets_no_offer()
    {
        var chat = await ChatSession.AsCustomerAsync(app, DemoDataSeeder.DemoVipEmail);
        await chat.SayAsync("what are your delivery options?");

        var thanks = await chat.SayAsync("perfect, thank you so much!");

        Assert.DoesNotContain(thanks.Replies, r => r.Products.Count > 0);
    }
}

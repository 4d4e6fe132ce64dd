using CrmBot.Core.Orders;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Seeding;
using Microsoft.EntityFrameworkCore;
using CrmBot.Core.Products;

namespace CrmBot.Tests.Products;

/// <summary><c>products.recommend</c> against the real seeded catalogue and order history.</summary>
public class ProductRecommendationTests(RecommendationStore store) : IClassFixture<RecommendationStore>
{
    private const string Alice = DemoDataSeeder.DemoCustomerEmail;

    [Fact]
    public async Task Laptop_under_400_never_suggests_a_dearer_one()
    {
        var (result, _) = await store.RecommendAsync("need a laptop for uni, under £400", "laptops");

        Assert.Equal(ProductRecommendations.Ok, result.Status);
        Assert.NotEmpty(result.Products);
        Assert.All(result.Products, p => Assert.True(p.Price <= 400, $"{p.Name} costs {p.Price}"));
        Assert.All(result.Products, p => Assert.Equal("Laptops", p.Category));
        Assert.All(result.Products, p => Assert.Contains("Under your £400 budget", p.Reason));
        Assert.Equal("laptops for study under £400", result.Selection);
    }

    [Fact]
    public async Task Nothing_within_the_budget_says_so_and_offers_the_cheapest_alternatives()
    {
        var (result, _) = await store.RecommendAsync("recommend a laptop under £200");

        Assert.Equal(ProductRecommendations.OverBudget, result.Status);
        Assert.Equal("under £200", result.Budget);
        Assert.Equal("laptops", result.Subject);
        Assert.Equal("Nimbus Cloudbook 11", result.Products[0].Name);
        Assert.Equal(result.Products.OrderBy(p => p.Price).Select(p => p.Sku), result.Products.Select(p => p.Sku));
        Assert.Equal("£49.00 over your budget", result.Products[0].Reason);
    }

    [Fact]
    public async Task Gym_earbuds_put_the_sweat_resistant_pair_first()
    {
        var (result, _) = await store.RecommendAsync("any earbuds that are good for the gym? i get well sweaty lol", "audio");

        Assert.Equal("Aerion Buds Lite", result.Products[0].Name);
        Assert.Equal("Good for the gym: sweat resistant", result.Products[0].Reason);
        Assert.Equal("earbuds for the gym", result.Selection);
        Assert.DoesNotContain(result.Products, p => p.Name.Contains("Party") || p.Name.Contains("Arena") || p.Name.Contains("Pulse"));
    }

    [Fact]
    public async Task Headphones_under_100_are_headphones_not_speakers()
    {
        var (result, _) = await store.RecommendAsync("sound. and headphones, max 100 quid", "audio");

        Assert.NotEmpty(result.Products);
        Assert.All(result.Products, p => Assert.True(p.Price <= 100));
        Assert.DoesNotContain(result.Products, p => p.Description.Contains("speaker", StringComparison.OrdinalIgnoreCase) && !p.Name.Contains("Buds"));
        Assert.Equal("headphones under £100", result.Selection);
    }

    [Fact]
    public async Task A_kind_of_product_means_what_the_product_is_not_what_it_works_with()
    {
        var (monitors, _) = await store.RecommendAsync("help me choose a monitor for working from home", "accessories");
        var (combo, _) = await store.RecommendAsync("good keyboard and mouse combo for the office?", "accessories");

        Assert.Equal(["Tarrow View 27", "Zentrix Pulse 27"], monitors.Products.Select(p => p.Name).Order());
        Assert.Equal("keyboards and mice for working from home", combo.Selection);
    }

    [Fact]
    public async Task Gift_for_a_ten_year_old_who_draws_looks_across_categories_and_finds_the_kids_tablet()
    {
        var (result, _) = await store.RecommendAsync("Hello dear, I'm looking for a present for my grandson. He's 10 and loves drawing. Could you suggest something?");

        Assert.Equal(ProductRecommendations.Ok, result.Status);
        Assert.Equal("Brisa Kids Tab 8", result.Products[0].Name);
        Assert.Equal("some ideas for kids and drawing", result.Selection);
        Assert.True(result.Products.Select(p => p.Category).Distinct().Count() > 1, "suggestions across categories keep diversity");
    }

    [Fact]
    public async Task Running_watch_with_gps_puts_the_running_watch_first_and_leaves_out_childrens_watches()
    {
        var (result, _) = await store.RecommendAsync("best running watch with gps? training for a half marathon", "wearables");

        Assert.Equal("Orbyt Stride GPS", result.Products[0].Name);
        Assert.Equal("Made for running: running watch", result.Products[0].Reason);
        Assert.DoesNotContain(result.Products, p => p.Name is "Orbyt Junior Watch" or "Orbyt Band Lite");
    }

    [Fact]
    public async Task Older_mum_who_only_calls_and_texts_gets_the_simple_phone_first()
    {
        var (result, _) = await store.RecommendAsync("my mums 80 and wants a phone just for calling and texting, nothing complicated", "smartphones");

        Assert.Equal("Brisa Easy Call", result.Products[0].Name);
        Assert.Equal("Easy to use: big buttons", result.Products[0].Reason);
    }

    [Fact]
    public async Task About_a_budget_stays_within_twenty_percent_of_it()
    {
        // The entity extractor reads "gaming" as the category; the request says a laptop.
        var (result, _) = await store.RecommendAsync("whats a decent gaming laptop for about 1200", "gaming");

        Assert.Equal("Zentrix Striker 15", result.Products[0].Name);
        Assert.All(result.Products, p => Assert.InRange(p.Price, 960m, 1440m));
        Assert.Equal("laptops for gaming around £1,200", result.Selection);
    }

    [Fact]
    public async Task Cheap_means_the_lower_price_range_of_the_category()
    {
        var (result, _) = await store.RecommendAsync("cheap but decent laptop pls", "laptops");

        await using var db = store.Store.Open();
        var prices = await db.Products.Where(p => p.CategorySlug == "laptops").Select(p => p.Price).ToListAsync();
        var lowerThird = prices.Order().ElementAt(prices.Count / 3 - 1);
        Assert.NotEmpty(result.Products);
        Assert.All(result.Products, p => Assert.True(p.Price <= lowerThird, $"{p.Name} at {p.Price} is above {lowerThird}"));
        Assert.StartsWith("our most affordable laptops", result.Selection);
    }

    [Fact]
    public async Task A_budget_in_another_currency_is_read_as_pounds_and_says_so()
    {
        var (result, _) = await store.RecommendAsync("headphones, no more than $100", "audio");

        Assert.All(result.Products, p => Assert.True(p.Price <= 100));
        Assert.EndsWith("(our prices are in pounds)", result.Selection);
    }

    [Fact]
    public async Task Smart_bulb_owner_gets_smart_home_products_that_go_with_the_bulb()
    {
        var (result, conversation) = await store.RecommendAsync("something that goes with my bulb?", "smart-home", Alice);

        Assert.Equal(ProductRecommendations.Complement, result.Status);
        Assert.Equal("Lumora Glow E27", result.Owned);
        Assert.Equal(3, result.Products.Count);
        Assert.All(result.Products, p => Assert.Equal("Smart Home", p.Category));
        Assert.DoesNotContain(result.Products, p => p.Name.StartsWith("Lumora Glow", StringComparison.Ordinal));
        Assert.All(result.Products, p => Assert.Contains("your Lumora Glow E27", p.Reason));
        Assert.Contains(result.Products, p => p.Reason.StartsWith("Often bought with your Lumora Glow E27", StringComparison.Ordinal));

        await using var db = store.Store.Open();
        var strategies = await db.RecommendationEvents.Where(r => r.ConversationId == conversation).Select(r => r.Strategy).ToListAsync();
        Assert.Equal(3, strategies.Count);
        Assert.Contains(RecommendationStrategies.CoPurchase, strategies);
        Assert.All(strategies, s => Assert.Contains(s, new[] { RecommendationStrategies.CoPurchase, RecommendationStrategies.Compatible }));
    }

    [Fact]
    public async Task Go_with_it_finds_the_product_named_earlier_in_the_conversation()
    {
        var (result, _) = await store.InConversationAsync([("want to leave a review for my smart bulb, its brilliant", "review")],
            "love it so much, what else would go with it?", "", Alice);

        Assert.Equal(ProductRecommendations.Complement, result.Status);
        Assert.Equal("Lumora Glow E27", result.Owned);
    }

    [Fact]
    public async Task Laptop_owner_gets_accessories_rather_than_another_laptop()
    {
        var (result, _) = await store.RecommendAsync("something to go with my laptop", "laptops", Alice);

        Assert.Equal(ProductRecommendations.Complement, result.Status);
        Assert.Equal("Brisa Everyday 15", result.Owned);
        Assert.NotEmpty(result.Products);
        Assert.DoesNotContain(result.Products, p => p.Category == "Laptops");
    }

    [Fact]
    public async Task Console_owner_is_offered_accessories_made_for_it_and_no_second_console()
    {
        await using var db = store.Store.Open();
        var gaming = await db.Orders.Where(o => o.Status == OrderStatus.Delivered).SelectMany(o => o.Lines, (o, l) => new { o.Customer!.Email, l.Product!.Sku })
            .Where(x => x.Sku.StartsWith("GAM-")).ToListAsync();
        var owner = gaming.GroupBy(x => x.Email).First(g => g.All(x => x.Sku == "GAM-001")).Key;

        var (result, _) = await store.RecommendAsync("what accessories should I get with my console", "gaming", owner);

        Assert.Equal(ProductRecommendations.Complement, result.Status);
        Assert.Equal("Strato Prime", result.Owned);
        Assert.NotEmpty(result.Products);
        Assert.DoesNotContain(result.Products, p => p.Name is "Strato Digital" or "Strato Go");
        Assert.Contains(result.Products, p => p.Name.Contains("Controller"));
    }

    [Fact]
    public async Task A_named_kind_to_go_with_an_owned_product_keeps_to_that_kind()
    {
        var (result, _) = await store.RecommendAsync("which soundbar should I get to go with my tv", "audio", Alice);

        Assert.Equal(ProductRecommendations.Complement, result.Status);
        Assert.Equal("Korvan Vista 55", result.Owned);
        Assert.NotEmpty(result.Products);
        Assert.All(result.Products, p => Assert.Contains("soundbar", p.Description, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Going_with_something_the_customer_does_not_own_asks_instead_of_guessing()
    {
        var (owner, conversation) = await store.RecommendAsync("something to go with my drone", "cameras", Alice);
        var (guest, _) = await store.RecommendAsync("something to go with my laptop", "laptops");

        Assert.Equal(ProductRecommendations.NotOwned, owner.Status);
        Assert.Equal("drone", owner.Target);
        Assert.Empty(owner.Products);
        Assert.Equal(ProductRecommendations.NotOwned, guest.Status);
        await using var db = store.Store.Open();
        Assert.False(await db.RecommendationEvents.AnyAsync(r => r.ConversationId == conversation));
    }

    [Fact]
    public async Task Once_the_customer_says_what_they_want_the_request_is_no_longer_a_complement()
    {
        var (result, _) = await store.RecommendAsync("something to go with my drone", "Audio", Alice, complement: false);

        Assert.Equal(ProductRecommendations.Ok, result.Status);
        Assert.All(result.Products, p => Assert.Equal("Audio", p.Category));
    }

    [Fact]
    public async Task A_follow_up_budget_refines_the_previous_request()
    {
        var (result, _) = await store.InConversationAsync(
            [("Hello dear, I'm looking for a present for my grandson. He's 10 and loves drawing. Could you suggest something?", ProductRecommender.DialogName)],
            "Lovely. Is there anything under £150? He's a little clumsy, bless him.");

        Assert.Equal(ProductRecommendations.Ok, result.Status);
        Assert.Equal("Brisa Kids Tab 8", result.Products[0].Name);
        Assert.All(result.Products, p => Assert.True(p.Price <= 150, $"{p.Name} costs {p.Price}"));
    }

    [Fact]
    public async Task A_request_with_nothing_to_go_on_asks_for_a_category()
    {
        var (result, conversation) = await store.RecommendAsync("recommend me something good");

        Assert.Equal(ProductRecommendations.NeedCategory, result.Status);
        Assert.Empty(result.Products);
        await using var db = store.Store.Open();
        Assert.False(await db.RecommendationEvents.AnyAsync(r => r.ConversationId == conversation));
    }

    [Fact]
    public async Task Suggestions_leave_out_what_the_customer_ordered_and_what_is_out_of_stock()
    {
        await using var db = store.Store.Open();
        var scholar = await db.Products.SingleAsync(p => p.Sku == "LAP-009");
        scholar.InStock = false;
        await db.SaveChangesAsync();
        try
        {
            var (result, _) = await store.RecommendAsync("a cheap laptop", "laptops", Alice);

            var owned = await db.Orders.Where(o => o.Customer!.Email == Alice).SelectMany(o => o.Lines).Select(l => l.Product!.Sku).ToListAsync();
            Assert.Contains("LAP-008", owned);
            Assert.NotEmpty(result.Products);
            Assert.DoesNotContain(result.Products, p => owned.Contains(p.Sku) || p.Sku == "LAP-009");
        }
        finally
        {
            scholar.InStock = true;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Every_suggestion_is_recorded_with_the_strategy_that_chose_it()
    {
        // An open request ("some headphones") is now ranked by the recommendation engine under the strategy the A/B
        // experiment assigns (this fixture's experiment has one arm, the blend), no longer by category best sellers.
        var (plain, plainConversation) = await store.RecommendAsync("can you recommend some headphones?", "audio");
        var (budget, budgetConversation) = await store.RecommendAsync("headphones under £100", "audio");

        await using var db = store.Store.Open();
        var plainEvents = await db.RecommendationEvents.Where(r => r.ConversationId == plainConversation).OrderBy(r => r.Rank).ToListAsync();
        var budgetEvents = await db.RecommendationEvents.Where(r => r.ConversationId == budgetConversation).ToListAsync();
        Assert.Equal(plain.Products.Count, plainEvents.Count);
        Assert.All(plainEvents, e => Assert.Equal(RecommendationStrategies.PersonalBlend, e.Strategy));
        Assert.Equal([1, 2, 3], plainEvents.Select(e => e.Rank));
        Assert.Equal(budget.Products.Count, budgetEvents.Count);
        Assert.All(budgetEvents, e => Assert.Equal(RecommendationStrategies.Constrained, e.Strategy));
    }

    [Fact]
    public async Task Customers_with_different_histories_asking_for_headphones_get_picks_at_their_own_price_level()
    {
        await using var db = store.Store.Open();
        var spend = (await db.Orders.Where(o => o.Status != OrderStatus.Cancelled).Select(o => new { o.Customer!.Email, o.Total }).ToListAsync())
            .GroupBy(o => o.Email).Select(g => (Email: g.Key, Spent: g.Sum(o => o.Total), Orders: g.Count())).Where(c => c.Orders >= 3).ToList();
        var big = spend.MaxBy(c => c.Spent / c.Orders).Email;
        var small = spend.MinBy(c => c.Spent / c.Orders).Email;

        var (bigSpender, _) = await store.RecommendAsync("any headphones?", "audio", big);
        var (smallSpender, _) = await store.RecommendAsync("any headphones?", "audio", small);
        var (guest, _) = await store.RecommendAsync("any headphones?", "audio");

        Assert.Equal("headphones picked for you", bigSpender.Selection);
        Assert.Equal("our best sellers in headphones", guest.Selection);
        Assert.True(bigSpender.Products[0].Price > smallSpender.Products[0].Price,
            $"{bigSpender.Products[0].Name} for the big spender, {smallSpender.Products[0].Name} for the small one");
        Assert.NotEqual(bigSpender.Products.Select(p => p.Sku), guest.Products.Select(p => p.Sku));
        Assert.All(bigSpender.Products.Concat(smallSpender.Products), p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
    }

    [Fact]
    public async Task A_known_customer_asking_for_anything_gets_personal_picks_instead_of_a_question()
    {
        var (result, conversation) = await store.RecommendAsync("recommend me something good", email: Alice);

        Assert.Equal(ProductRecommendations.Ok, result.Status);
        Assert.Equal("some ideas picked for you", result.Selection);
        Assert.Equal(ProductRecommender.Count, result.Products.Count);
        await using var db = store.Store.Open();
        var owned = await db.Orders.Where(o => o.Customer!.Email == Alice).SelectMany(o => o.Lines).Select(l => l.Product!.Sku).ToListAsync();
        Assert.DoesNotContain(result.Products, p => owned.Contains(p.Sku));
        Assert.Equal(3, await db.RecommendationEvents.CountAsync(r => r.ConversationId == conversation));
    }

    [Fact]
    public async Task The_end_of_conversation_offer_leans_to_what_the_conversation_mentioned()
    {
        var (offer, conversation) = await store.OfferAsync(["my tablet screen keeps flickering", "sorted now, thanks!"], Alice);

        Assert.Equal(ProductRecommendations.Ok, offer.Status);
        Assert.Equal("some ideas picked for you", offer.Selection);
        Assert.Contains(offer.Products, p => p.Category == "Tablets");
        await using var db = store.Store.Open();
        Assert.Equal(offer.Products.Count, await db.RecommendationEvents.CountAsync(r => r.ConversationId == conversation));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_offered_what_is_popular()
    {
        var (offer, _) = await store.OfferAsync(["thanks, that's all"]);

        Assert.Equal(ProductRecommendations.Ok, offer.Status);
        Assert.Equal("some of our most popular products right now", offer.Selection);
        Assert.All(offer.Products, p => Assert.Equal("Popular right now", p.Reason));
    }
}

using CrmBot.Core.Products;

namespace CrmBot.Tests.Products;

public class ProductRequestTests
{
    [Theory]
    [InlineData("need a laptop for uni, under £400", 400)]
    [InlineData("anything below 400 quid?", 400)]
    [InlineData("best phone for max 300", 300)]
    [InlineData("no more than $250 please", 250)]
    [InlineData("headphones less than €100", 100)]
    [InlineData("a tablet, £300 or less", 300)]
    [InlineData("budget 400 pounds max", 400)]
    [InlineData("my budget of 500 for a phone", 500)]
    [InlineData("please recommend me a good phone with good camera, my budget is 500 pound", 500)]
    [InlineData("we can't go over £1,000", 1000)]
    [InlineData("stocking fillers under a tenner", 10)]
    [InlineData("laptop under £400?", 400)]
    [InlineData("best tv for a ps5 under 800 dollars", 800)]
    [InlineData("top 3 headphones under 100?", 100)]
    public void Upper_budgets_are_read_as_a_maximum(string text, decimal max)
    {
        var budget = ProductRequest.Parse(text).Budget;

        Assert.NotNull(budget);
        Assert.Equal(PriceLimitKind.Under, budget.Kind);
        Assert.Equal(max, budget.Max);
        Assert.Null(budget.Min);
    }

    [Theory]
    [InlineData("headphones around £200", 200)]
    [InlineData("whats a decent gaming laptop for about 1200", 1200)]
    [InlineData("I'm after a decent pair of headphones, budget's about €150, what do ye recommend", 150)]
    [InlineData("a camera, £900 or so", 900)]
    [InlineData("something 50ish", 50)]
    public void Around_means_roughly_twenty_percent_either_way(string text, decimal amount)
    {
        var budget = ProductRequest.Parse(text).Budget;

        Assert.NotNull(budget);
        Assert.Equal(PriceLimitKind.Around, budget.Kind);
        Assert.Equal(amount * 1.2m, budget.Max);
        Assert.Equal(amount * 0.8m, budget.Min);
    }

    [Theory]
    [InlineData("something between £100 and £200", 100, 200)]
    [InlineData("a speaker, £50-£80", 50, 80)]
    [InlineData("budget 300 to 500 quid", 300, 500)]
    public void Between_two_amounts_is_a_range(string text, decimal min, decimal max)
    {
        var budget = ProductRequest.Parse(text).Budget;

        Assert.NotNull(budget);
        Assert.Equal(PriceLimitKind.Between, budget.Kind);
        Assert.Equal(min, budget.Min);
        Assert.Equal(max, budget.Max);
    }

    [Theory]
    [InlineData("gift for a 10-year-old who likes drawing")]
    [InlineData("Looking for a 4K TV around 55 inch, not too big")]
    [InlineData("suggestions for a TV for the bedroom, around 32 inches")]
    [InlineData("which phone has 256GB")]
    [InlineData("where is BW-482913")]
    [InlineData("my mums 80 and wants a phone")]
    [InlineData("best monitor for a PS5")]
    [InlineData("a 27 inch monitor with 240Hz")]
    public void Numbers_that_are_not_money_are_not_a_budget(string text)
    {
        Assert.Null(ProductRequest.Parse(text).Budget);
    }

    [Fact]
    public void Budget_keeps_the_currency_the_customer_wrote()
    {
        var budget = ProductRequest.Parse("no more than $250").Budget!;

        Assert.Equal("$", budget.Symbol);
        Assert.False(budget.IsPounds);
        Assert.Equal("under $250", budget.Describe());
        Assert.Equal("around £1,200", ProductRequest.Parse("about £1200").Budget!.Describe());
        Assert.Equal("between £100 and £200", ProductRequest.Parse("between £100 and £200").Budget!.Describe());
    }

    [Theory]
    [InlineData("cheap but decent laptop pls")]
    [InlineData("best budget smartphone?")]
    [InlineData("what should I get for gaming on a budget")]
    [InlineData("good first phone for my 11 year old, nothing too pricey")]
    [InlineData("Looking for a 4K TV, not too expensive")]
    public void Cheap_words_ask_for_the_lower_price_range(string text)
    {
        var request = ProductRequest.Parse(text);

        Assert.True(request.WantsCheap);
        Assert.Null(request.Budget);
    }

    [Fact]
    public void A_budget_amount_is_not_also_read_as_cheap()
    {
        var request = ProductRequest.Parse("best kit for a home office on a budget of £500");

        Assert.Equal(500, request.Budget!.Max);
        Assert.False(request.WantsCheap);
    }

    [Theory]
    [InlineData("any earbuds that are good for the gym? i get well sweaty lol", "gym")]
    [InlineData("best running watch with gps? training for a half marathon", "running")]
    [InlineData("what's the best tablet for drawing", "drawing")]
    [InlineData("what TV would you recommend for gaming", "gaming")]
    [InlineData("whats a good smartwatch for swimming", "swimming")]
    [InlineData("I travel a lot for work, which laptop is light with a long battery", "travel")]
    [InlineData("help me choose a monitor for working from home", "home_office")]
    [InlineData("suggest a good webcam for video calls", "video_calls")]
    [InlineData("I need a laptop for uni", "study")]
    [InlineData("Is there anything under £150? He's a little clumsy, bless him.", "tough")]
    [InlineData("Looking for a 4K TV for a small living room", "small_room")]
    [InlineData("can you suggest a good phone for an elderly person", "older")]
    [InlineData("recommend a kids smartwatch with GPS", "kids")]
    public void Uses_are_read_from_the_words_customers_use(string text, string use)
    {
        Assert.Contains(ProductRequest.Parse(text).Uses, u => u.Name == use);
    }

    [Theory]
    [InlineData("gift for a 10-year-old who likes drawing", 10, "kids")]
    [InlineData("Hello dear, I'm looking for a present for my grandson. He's 10 and loves drawing.", 10, "kids")]
    [InlineData("my mums 80 and wants a phone just for calling and texting, nothing complicated", 80, "older")]
    [InlineData("i want buy tablet for my mother, what is best for her, she is 70", 70, "older")]
    [InlineData("my twins are 8, which console should santa bring", 8, "kids")]
    public void An_age_says_whether_it_is_for_a_child_or_an_older_person(string text, int age, string use)
    {
        var request = ProductRequest.Parse(text);

        Assert.Equal(age, request.Age);
        Assert.Contains(request.Uses, u => u.Name == use);
    }

    [Fact]
    public void A_teenager_is_neither_a_child_nor_an_older_person()
    {
        var request = ProductRequest.Parse("Hi! My son is 14 and obsessed with making YouTube videos, what camera would you recommend?");

        Assert.Equal(14, request.Age);
        Assert.DoesNotContain(request.Uses, u => u.Name is "kids" or "older");
        Assert.Contains(request.Uses, u => u.Name == "video");
    }

    [Fact]
    public void Calling_and_texting_with_nothing_complicated_is_an_easy_phone()
    {
        var uses = ProductRequest.Parse("my mums 80 and wants a phone just for calling and texting, nothing complicated").Uses.Select(u => u.Name);

        Assert.Contains("simple", uses);
        Assert.Contains("calls", uses);
    }

    [Theory]
    [InlineData("any earbuds that are good for the gym?", "earbuds")]
    [InlineData("sound. and headphones, max 100 quid", "headphones")]
    [InlineData("best running watch with gps?", "watch")]
    [InlineData("which soundbar should I get to go with my Zenith 55", "soundbar")]
    [InlineData("what smart speaker is best if I have an iPhone", "smart_speaker")]
    [InlineData("im after a monitor to go with my macbook", "monitor")]
    public void Kinds_narrower_than_a_category_are_recognised(string text, string kind)
    {
        Assert.Equal(kind, Assert.Single(ProductRequest.Parse(text).Kinds).Name);
    }

    [Theory]
    [InlineData("I want to watch netflix on something big")]
    [InlineData("what TV is best for watching football")]
    public void Watching_is_not_a_watch(string text)
    {
        Assert.DoesNotContain(ProductRequest.Parse(text).Kinds, k => k.Name == "watch");
    }

    [Theory]
    [InlineData("something that goes with my bulb", "bulb")]
    [InlineData("something to go with my laptop", "laptop")]
    [InlineData("any accessories for my tv?", "tv")]
    [InlineData("something for my new phone", "phone")]
    [InlineData("what would go well with my new Zenith 65, sound-wise", "zenith 65")]
    [InlineData("something to go with my Orion 15, like a bag or mouse, any ideas", "orion 15")]
    [InlineData("what headphones would you pair with my Voltra X5", "voltra x5")]
    [InlineData("what case and screen protector would you suggest for the Voltra X5", "voltra x5")]
    [InlineData("what accessories should I get with my new Kestrel console", "kestrel console")]
    public void Complement_requests_name_the_product_they_go_with(string text, string target)
    {
        var complement = ProductRequest.Parse(text).Complement;

        Assert.NotNull(complement);
        Assert.Equal(target, complement.Words);
        Assert.False(complement.IsPronoun);
    }

    [Fact]
    public void Go_with_it_is_a_complement_of_something_said_before()
    {
        var complement = ProductRequest.Parse("love it so much, what else would go with it?").Complement;

        Assert.NotNull(complement);
        Assert.True(complement.IsPronoun);
    }

    [Theory]
    [InlineData("can you recommend a good tablet for my mum")]
    [InlineData("earbuds for the gym that wont fall out")]
    [InlineData("I need a laptop for my daughter starting uni in September")]
    [InlineData("gift for my 10 year old")]
    [InlineData("suggestions for a TV for the bedroom")]
    [InlineData("best monitor for a PS5")]
    public void A_person_or_a_place_is_not_a_product_to_go_with(string text)
    {
        Assert.Null(ProductRequest.Parse(text).Complement);
    }

    [Fact]
    public void What_is_wanted_is_read_without_the_product_it_goes_with()
    {
        var request = ProductRequest.Parse("which soundbar should I get to go with my laptop");

        Assert.Contains("soundbar", request.WantedText);
        Assert.DoesNotContain("laptop", request.WantedText);
        Assert.DoesNotContain("accessor", ProductRequest.Parse("any accessories for my tv?").WantedText);
    }

    [Fact]
    public void A_follow_up_keeps_what_the_earlier_request_was_for_and_replaces_the_budget()
    {
        var earlier = ProductRequest.Parse("a present for my grandson, he's 10 and loves drawing, around £300");
        var followUp = ProductRequest.Parse("Is there anything under £150? He's a little clumsy").After(earlier);

        Assert.Equal(150, followUp.Budget!.Max);
        Assert.Equal(PriceLimitKind.Under, followUp.Budget.Kind);
        Assert.Equal(["drawing", "gift", "kids", "tough"], followUp.Uses.Select(u => u.Name).Order());
        Assert.Equal(10, followUp.Age);
    }

    [Fact]
    public void An_empty_request_has_no_constraints()
    {
        Assert.False(ProductRequest.Parse("").HasConstraints);
        Assert.False(ProductRequest.Parse("recommend me something good").HasConstraints);
        Assert.Null(ProductRequest.Parse(null).Complement);
    }
}

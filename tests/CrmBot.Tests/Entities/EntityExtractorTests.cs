using CrmBot.Intelligence.Entities;

namespace CrmBot.Tests.Entities;

public class EntityExtractorTests
{
    private static readonly DateOnly Today = new(2026, 11, 23); // a Monday
    private readonly EntityExtractor _extractor = new(new CatalogGazetteer(
    [
        new GazetteerEntry(EntityTypes.Product, "LAP-001", "Voltra Air 14"),
        new GazetteerEntry(EntityTypes.Product, "LAP-002", "Voltra Air 14 Pro"),
        new GazetteerEntry(EntityTypes.Category, "laptops", "Laptops"),
        new GazetteerEntry(EntityTypes.Category, "laptops", "notebook"),
        new GazetteerEntry(EntityTypes.Category, "tvs", "telly"),
        new GazetteerEntry(EntityTypes.Category, "audio", "headphones"),
    ]));

    private Entity[] Find(string text, string type) => _extractor.Extract(text, Today).Where(e => e.Type == type).ToArray();

    [Theory]
    [InlineData("where is BW-482913?", "BW-482913")]
    [InlineData("order bw482913 please", "BW-482913")]
    [InlineData("my order number is 482913", "BW-482913")]
    [InlineData("ref #482913", "BW-482913")]
    [InlineData("BW 482913 hasn't come", "BW-482913")]
    [InlineData("Has my laptop order shipped yet? It's 204817.", "BW-204817")]
    [InlineData("204817 - dont need it anymore, cancel pls", "BW-204817")]
    public void Order_numbers_in_any_customer_spelling_are_normalised(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(Find(text, EntityTypes.OrderNumber)).Value);

    [Fact]
    public void A_seven_digit_number_is_not_an_order_number() =>
        Assert.Empty(Find("my code is BW-4829131", EntityTypes.OrderNumber));

    [Fact]
    public void Email_is_found_and_lower_cased() =>
        Assert.Equal("alice.morgan@example.com", Assert.Single(Find("it's Alice.Morgan@Example.com thanks", EntityTypes.Email)).Value);

    [Theory]
    [InlineData("call me on 07700 900123", "07700900123")]
    [InlineData("my number is +44 7700 900123", "+447700900123")]
    [InlineData("ring 0161 496 0000", "01614960000")]
    public void Phone_numbers_are_found(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(Find(text, EntityTypes.Phone)).Value);

    [Fact]
    public void A_card_number_is_a_card_not_a_phone()
    {
        var entities = _extractor.Extract("card 4111 1111 1111 1111 was declined", Today);
        Assert.Contains(entities, e => e.Type == EntityTypes.CardNumber);
        Assert.DoesNotContain(entities, e => e.Type == EntityTypes.Phone);
    }

    [Theory]
    [InlineData("I paid £49.99 twice", "49.99")]
    [InlineData("charged £1,299 for it", "1299.00")]
    [InlineData("it was 20 quid", "20.00")]
    public void Money_amounts_are_found(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(Find(text, EntityTypes.Money)).Value);

    [Theory]
    [InlineData("ordered it on 3 March", "2026-03-03")]
    [InlineData("ordered it on March 3rd 2025", "2025-03-03")]
    [InlineData("delivered 12/10/2026", "2026-10-12")]
    [InlineData("placed 2026-11-01", "2026-11-01")]
    [InlineData("it came yesterday", "2026-11-22")]
    [InlineData("I ordered it last friday", "2026-11-20")]
    [InlineData("can it come tomorrow", "2026-11-24")]
    public void Dates_resolve_against_today(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(Find(text, EntityTypes.Date)).Value);

    [Theory]
    [InlineData("my postcode is m1 4bt", "M1 4BT")]
    [InlineData("SW1A1AA", "SW1A 1AA")]
    public void Postcodes_are_normalised(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(Find(text, EntityTypes.Postcode)).Value);

    [Fact]
    public void Longest_product_name_wins() =>
        Assert.Equal("LAP-002", Assert.Single(Find("is the voltra air 14 pro any good", EntityTypes.Product)).Value);

    [Theory]
    [InlineData("I need a new notebook", "laptops")]
    [InlineData("recommend some laptops", "laptops")]
    [InlineData("looking for a telly", "tvs")]
    [InlineData("best headphones?", "audio")]
    public void Category_words_and_plurals_map_to_the_category(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(Find(text, EntityTypes.Category)).Value);

    [Theory]
    [InlineData("my new number is 07700 900456")]
    [InlineData("I paid £204817 by mistake")]
    [InlineData("it cost 120000 pounds")]
    [InlineData("call me on 020 7946 0457")]
    public void Six_digits_that_are_part_of_a_phone_number_or_an_amount_are_not_an_order_number(string text) =>
        Assert.Empty(Find(text, EntityTypes.OrderNumber));
}

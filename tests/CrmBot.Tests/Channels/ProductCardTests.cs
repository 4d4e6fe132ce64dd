using System.Text.Json.Nodes;
using CrmBot.BotFramework.Cards;
using CrmBot.Channels;
using CrmBot.Core.Messages;

namespace CrmBot.Tests.Channels;

public class ProductCardTests
{
    private static readonly ProductSuggestion Speaker = new("BW-SPK-01", "Aurora <b>Mini</b>", "Aurora", "Smart home", 49.99m, "£49.99",
        "A small speaker.", "Customers who bought the Lumora Glow also bought this");

    [Fact]
    public void Web_chat_gets_a_hero_card_with_picture_price_reason_and_two_buttons_that_carry_the_sku()
    {
        var card = ProductCards.For("directline", Speaker);

        Assert.Equal(HeroCard.ContentType, card.ContentType);
        var content = card.Content!.AsObject();
        Assert.Equal("Aurora <b>Mini</b>", (string)content["title"]!);
        Assert.StartsWith("£49.99", (string)content["subtitle"]!);
        Assert.Equal(Speaker.Reason, (string)content["text"]!);
        Assert.Equal("/img/products/BW-SPK-01.svg", (string)content["images"]![0]!["url"]!);
        var buttons = content["buttons"]!.AsArray();
        Assert.Equal(["See details", "Ask about it"], buttons.Select(b => (string)b!["title"]!));
        Assert.All(buttons, b => Assert.Equal("messageBack", (string)b!["type"]!));
        Assert.All(buttons, b => Assert.Equal("BW-SPK-01", ProductCards.ClickedSku(b!["value"])));
    }

    [Fact]
    public void Teams_gets_an_adaptive_card_whose_submit_data_is_a_message_back_with_the_sku()
    {
        var card = ProductCards.For("msteams", Speaker);

        Assert.Equal(AdaptiveCardAttachment.ContentType, card.ContentType);
        var actions = card.Content!["actions"]!.AsArray();
        Assert.Equal(2, actions.Count);
        var data = actions[0]!["data"]!.AsObject();
        Assert.Equal("messageBack", (string)data["msteams"]!["type"]!);
        Assert.Equal("Tell me about the Aurora <b>Mini</b>", (string)data["msteams"]!["text"]!);
        Assert.Equal("BW-SPK-01", ProductCards.ClickedSku(data));
        Assert.Contains(card.Content!["body"]!.AsArray(), block => (string?)block!["text"] == Speaker.Reason);
    }

    [Theory]
    [InlineData("""{"action":"product_details","sku":"BW-1"}""", "BW-1")]
    [InlineData("""{"action":"product_question","sku":"BW-1"}""", "BW-1")]
    [InlineData("""{"action":"delete_everything","sku":"BW-1"}""", null)]
    [InlineData("""{"action":"product_details","sku":42}""", null)]
    [InlineData("""{"action":"product_details","sku":""}""", null)]
    [InlineData("""{"action":"product_details","sku":"0123456789012345678901234567890123456789X"}""", null)]
    [InlineData("""["product_details"]""", null)]
    [InlineData("""{"text":"hello"}""", null)]
    public void Only_our_own_product_buttons_count_as_a_click(string value, string? sku)
    {
        Assert.Equal(sku, ProductCards.ClickedSku(JsonNode.Parse(value)));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Cards;
using CrmBot.BotFramework.Schema;

namespace CrmBot.Tests.BotFramework;

public sealed class CardTests
{
    [Fact]
    public void Hero_card_becomes_a_hero_attachment_without_empty_parts()
    {
        var card = new HeroCard
        {
            Title = "Aurora X2 headphones",
            Subtitle = "£129",
            Images = [new CardImage("https://example.com/x2.png", "Aurora X2")],
            Buttons = [CardAction.ImBack("Tell me more")],
        };

        var attachment = card.ToAttachment();

        Assert.Equal("application/vnd.microsoft.card.hero", attachment.ContentType);
        var content = attachment.Content!.AsObject();
        Assert.Equal("Aurora X2 headphones", content["title"]!.GetValue<string>());
        Assert.Equal("https://example.com/x2.png", content["images"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("imBack", content["buttons"]![0]!["type"]!.GetValue<string>());
        Assert.False(content.ContainsKey("text"));
        Assert.False(content.ContainsKey("tap"));
        Assert.Null((card with { Buttons = [] }).ToAttachment().Content!["buttons"]);
    }

    [Fact]
    public void Adaptive_card_gets_type_and_version_and_the_same_json_can_be_attached_twice()
    {
        var card = new JsonObject { ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "Your order" }) };

        var first = AdaptiveCardAttachment.Create(card);
        var second = AdaptiveCardAttachment.Create(card);

        Assert.Equal("application/vnd.microsoft.card.adaptive", first.ContentType);
        Assert.Equal("AdaptiveCard", first.Content!["type"]!.GetValue<string>());
        Assert.Equal("1.5", first.Content!["version"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(first.Content, second.Content));
        Assert.Null(card["type"]);
    }

    [Fact]
    public void Carousel_sets_the_carousel_layout_on_the_wire()
    {
        var cards = new[] { new HeroCard { Title = "One" }.ToAttachment(), new HeroCard { Title = "Two" }.ToAttachment() };

        var json = JsonSerializer.SerializeToNode(MessageFactory.Carousel(cards, "Pick one"), BotJson.Options)!;

        Assert.Equal("carousel", json["attachmentLayout"]!.GetValue<string>());
        Assert.Equal(2, json["attachments"]!.AsArray().Count);
        Assert.Equal("Two", json["attachments"]![1]!["content"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void Suggested_actions_are_left_out_when_there_are_none()
    {
        Assert.Null(MessageFactory.SuggestedActions([], "Anything else?").SuggestedActions);
        Assert.Equal(2, MessageFactory.SuggestedActions(["Yes", "No"]).SuggestedActions!.Actions.Count);
    }
}

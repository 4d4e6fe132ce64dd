using System.Text.Json.Nodes;
using CrmBot.BotFramework.Cards;
using CrmBot.BotFramework.Schema;
using CrmBot.BotFramework.Teams;
using CrmBot.Core.Messages;

namespace CrmBot.Channels;

/// <summary>
/// Suggested products as cards: a hero card for Web Chat (picture, name, price, why it is suggested), an Adaptive Card
/// for Teams, which shows hero-card images only from public PNG/JPEG addresses. Both buttons send a message the
/// customer can read, plus the SKU for the bot, so a press is counted as the suggestion's click
/// (<see cref="ClickedSku"/>).
/// </summary>
public static class ProductCards
{
    public const string DetailsAction = "product_details";
    public const string AskAction = "product_question";

    /// <summary>Longest SKU a card value may carry; anything longer was not made by us.</summary>
    private const int MaxSkuLength = 40;

    public static Attachment For(string channel, ProductSuggestion product) =>
        channel == TeamsActivityExtensions.ChannelId ? Adaptive(product) : Hero(product);

    public static string ImagePath(string sku) => $"/img/products/{Uri.EscapeDataString(sku)}.svg";

    /// <summary>The SKU of a pressed product-card button, from the activity's value; null for anything else.</summary>
    public static string? ClickedSku(JsonNode? value) =>
        value is JsonObject o
        && o["action"] is JsonValue action && action.TryGetValue<string>(out var name) && name is DetailsAction or AskAction
        && o["sku"] is JsonValue sku && sku.TryGetValue<string>(out var text) && text.Length is > 0 and <= MaxSkuLength
            ? text
            : null;

    private static Attachment Hero(ProductSuggestion product) => new HeroCard
    {
        Title = product.Name,
        Subtitle = $"{product.PriceText} · {product.Brand} · {product.Category}",
        Text = product.Reason,
        Images = [new CardImage(ImagePath(product.Sku), $"{product.Category}: {product.Name}")],
        Buttons =
        [
            CardAction.MessageBack("See details", DetailsText(product), Value(DetailsAction, product)),
            CardAction.MessageBack("Ask about it", AskText(product), Value(AskAction, product)),
        ],
    }.ToAttachment();

    private static Attachment Adaptive(ProductSuggestion product) => AdaptiveCardAttachment.Create(new JsonObject
    {
        ["type"] = "AdaptiveCard",
        ["body"] = new JsonArray
        {
            new JsonObject
            {
                // In place of a picture: the category on the accent colour, the size of a small image.
                ["type"] = "Container",
                ["style"] = "accent",
                ["minHeight"] = "60px",
                ["verticalContentAlignment"] = "Center",
                ["items"] = new JsonArray { Text(product.Category, weight: "Bolder", horizontal: "Center") },
            },
            Text(product.Name, weight: "Bolder", size: "Medium"),
            Text($"{product.PriceText} · {product.Brand}", subtle: true),
            Text(product.Reason),
        },
        ["actions"] = new JsonArray
        {
            Submit("See details", DetailsText(product), DetailsAction, product),
            Submit("Ask about it", AskText(product), AskAction, product),
        },
    });

    private static string DetailsText(ProductSuggestion product) => $"Tell me about the {product.Name}";

    private static string AskText(ProductSuggestion product) => $"I have a question about the {product.Name}";

    private static JsonObject Value(string action, ProductSuggestion product) => new() { ["action"] = action, ["sku"] = product.Sku };

    private static JsonObject Text(string text, string? weight = null, string? size = null, bool subtle = false, string? horizontal = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (weight is not null) block["weight"] = weight;
        if (size is not null) block["size"] = size;
        if (subtle) block["isSubtle"] = true;
        if (horizontal is not null) block["horizontalAlignment"] = horizontal;
        return block;
    }

    // Teams' messageBack through Action.Submit: the text is the customer's message, the rest of the data the value.
    private static JsonObject Submit(string title, string text, string action, ProductSuggestion product)
    {
        var data = Value(action, product);
        data["msteams"] = new JsonObject { ["type"] = "messageBack", ["text"] = text, ["displayText"] = text };
        return new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
    }
}

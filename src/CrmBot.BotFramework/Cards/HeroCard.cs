using System.Text.Json;
using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Cards;

/// <summary>
/// A hero card: a large image, title, text and buttons (cards spec; digest §1.5). Rendered by Web Chat and Teams alike;
/// Teams shows at most 6 buttons (digest §5.5). Empty parts are left out of the JSON (A2004).
/// </summary>
public sealed record HeroCard
{
    public const string ContentType = "application/vnd.microsoft.card.hero";

    public string? Title { get; init; }
    public string? Subtitle { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<CardImage>? Images { get; init; }
    public IReadOnlyList<CardAction>? Buttons { get; init; }

    /// <summary>Action when the card itself is clicked.</summary>
    public CardAction? Tap { get; init; }

    public Attachment ToAttachment() => new()
    {
        ContentType = ContentType,
        Content = JsonSerializer.SerializeToNode(this with { Images = NullIfEmpty(Images), Buttons = NullIfEmpty(Buttons) }, BotJson.Options),
    };

    private static IReadOnlyList<T>? NullIfEmpty<T>(IReadOnlyList<T>? items) => items is { Count: > 0 } ? items : null;
}

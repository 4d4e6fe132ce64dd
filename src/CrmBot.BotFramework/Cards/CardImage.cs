using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Cards;

/// <summary>An image on a hero or thumbnail card; Teams accepts PNG/JPEG/GIF up to 1024×1024 (digest §5.5).</summary>
public sealed record CardImage(string Url, string? Alt = null, CardAction? Tap = null);

namespace CrmBot.Core.Messages;

/// <summary>A product offered in chat, with what a card needs to show it.</summary>
public sealed record ProductSuggestion(string Sku, string Name, string Brand, string Category, decimal Price, string PriceText, string Description, string Reason);

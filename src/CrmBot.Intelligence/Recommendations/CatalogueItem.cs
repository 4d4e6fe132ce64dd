namespace CrmBot.Intelligence.Recommendations;

/// <summary>An item that may be suggested: its name and category name are what a reason quotes; unavailable items are never suggested.</summary>
public sealed record CatalogueItem(string Id, string Name, string Category, string CategoryName, double Price, bool Available = true);

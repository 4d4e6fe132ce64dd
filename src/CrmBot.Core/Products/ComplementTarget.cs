namespace CrmBot.Core.Products;

/// <summary>
/// The product a request wants something to go with: "bulb" in "something to go with my bulb".
/// <see cref="IsPronoun"/> when the customer said only "it" or "that", so the conversation must say which.
/// </summary>
public sealed record ComplementTarget(string Words, bool IsPronoun);

namespace CrmBot.Intelligence.Entities;

/// <summary>Entity type names, as dialog slots refer to them.</summary>
public static class EntityTypes
{
    public const string OrderNumber = "order_number";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Money = "money";
    public const string Date = "date";
    public const string Postcode = "postcode";
    public const string Product = "product";
    public const string Category = "category";
    public const string CardNumber = "card_number";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        OrderNumber, Email, Phone, Money, Date, Postcode, Product, Category, CardNumber,
    };

    /// <summary>Types whose raw values are personal data: stored only as a placeholder.</summary>
    public static readonly IReadOnlySet<string> Personal = new HashSet<string>(StringComparer.Ordinal) { Email, Phone, CardNumber };
}

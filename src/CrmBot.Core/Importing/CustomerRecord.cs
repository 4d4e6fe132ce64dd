using CrmBot.Core.Customers;

namespace CrmBot.Core.Importing;

/// <summary>A customer row after cleaning: every value fits its column and is in the store's form.</summary>
public sealed record CustomerRecord
{
    public required int Row { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Email { get; init; }
    public string? Phone { get; init; }
    public string AddressLine1 { get; init; } = "";
    public string? AddressLine2 { get; init; }
    public string City { get; init; } = "";
    public string Postcode { get; init; } = "";
    public string Country { get; init; } = CustomerRowCleaner.UnitedKingdom;
    public CustomerTier? Tier { get; init; }
    public bool? MarketingConsent { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}

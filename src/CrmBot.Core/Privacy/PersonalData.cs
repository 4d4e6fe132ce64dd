namespace CrmBot.Core.Privacy;

/// <summary>Everything the store holds about one customer, as exported for a subject access request (UK GDPR art. 15 and 20).</summary>
public sealed record PersonalData(
    DateTimeOffset ExportedAt,
    PersonalProfile Profile,
    PersonalConsents Consents,
    IReadOnlyList<PersonalChannelAccount> ChannelAccounts,
    IReadOnlyList<PersonalOrder> Orders,
    IReadOnlyList<PersonalConversation> Conversations,
    IReadOnlyList<PersonalEscalation> Escalations,
    IReadOnlyList<PersonalRecommendation> Recommendations,
    IReadOnlyList<PersonalPrivacyRequest> PrivacyRequests);

public sealed record PersonalProfile(
    int CustomerId, string FirstName, string LastName, string Email, string? Phone, string AddressLine1, string? AddressLine2,
    string City, string Postcode, string Country, string Tier, string? Segment, double? ChurnRisk, decimal LifetimeValue,
    DateTimeOffset CustomerSince, DateTimeOffset? MarkedForDeletionAt);

public sealed record PersonalConsents(bool Marketing);

public sealed record PersonalChannelAccount(string Channel, string AccountId, string? DisplayName, DateTimeOffset FirstSeenAt, DateTimeOffset? VerifiedAt);

public sealed record PersonalOrder(
    string Number, DateTimeOffset PlacedAt, string Status, decimal Total, string DeliveryMethod, decimal DeliveryCost, string PaymentMethod,
    string ShipToName, string ShipToAddressLine1, string? ShipToAddressLine2, string ShipToCity, string ShipToPostcode,
    string? Carrier, string? TrackingNumber, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? CancelledAt,
    string RefundStatus, string? ReturnReason, decimal? RefundAmount, DateTimeOffset? RefundedAt, IReadOnlyList<PersonalOrderLine> Lines);

public sealed record PersonalOrderLine(string Sku, string Product, int Quantity, decimal UnitPrice);

public sealed record PersonalConversation(Guid Id, string Channel, DateTimeOffset StartedAt, DateTimeOffset LastActivityAt, string Status, IReadOnlyList<PersonalMessage> Messages);

/// <summary>One message as stored (card numbers, emails and phone numbers were already masked when it was written), with how the bot read it.</summary>
public sealed record PersonalMessage(DateTimeOffset At, string From, string Text, string? Intent, string? Sentiment);

public sealed record PersonalEscalation(string Reference, DateTimeOffset CreatedAt, string Reason, string Queue, string Status, DateTimeOffset? ResolvedAt, string? Disposition, string? Note, int? Rating);

public sealed record PersonalRecommendation(string Sku, string Product, string Strategy, DateTimeOffset ShownAt, DateTimeOffset? ClickedAt);

public sealed record PersonalPrivacyRequest(string Kind, DateTimeOffset RequestedAt, string RequestedBy, string Status, DateTimeOffset? CompletedAt);

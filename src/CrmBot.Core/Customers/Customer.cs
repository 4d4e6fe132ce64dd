using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Customers;

public enum CustomerTier { Standard, Silver, Gold, Vip }

public class Customer
{
    public int Id { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }
    public required string AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public required string City { get; set; }
    public required string Postcode { get; set; }
    public string Country { get; set; } = "United Kingdom";
    public CustomerTier Tier { get; set; }
    /// <summary>Marketing segment; filled by the segmentation model once it has run.</summary>
    public string? Segment { get; set; }
    /// <summary>
    /// Probability in [0, 1] that the customer places no order in the churn horizon; null until the churn model has
    /// scored them, and for customers who have never ordered. <see cref="ChurnRiskLevels"/> turns it into words.
    /// </summary>
    public double? ChurnRisk { get; set; }
    /// <summary>Net historical spend plus the expected value of the next year (see Profiles.LifetimeValue).</summary>
    public decimal LifetimeValue { get; set; }
    /// <summary>Frequency: orders not cancelled, as of <see cref="ProfiledAt"/>.</summary>
    public int OrderCount { get; set; }
    /// <summary>Monetary value: spend on orders not cancelled, less refunds, as of <see cref="ProfiledAt"/>.</summary>
    public decimal NetSpend { get; set; }
    /// <summary>Recency: when the last order that was not cancelled was placed; null without one.</summary>
    public DateTimeOffset? LastOrderAt { get; set; }
    /// <summary>When segment, churn risk, lifetime value and the RFM fields were last computed; null before.</summary>
    public DateTimeOffset? ProfiledAt { get; set; }
    public bool MarketingConsent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set when the customer asked for deletion; erasure happens after the grace period.</summary>
    public DateTimeOffset? MarkedForDeletionAt { get; set; }
    /// <summary>Set when the personal fields were erased (right to be forgotten): the row is a tombstone from then on.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>Emails are stored lower-case; every lookup by a typed email goes through here.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public List<ChannelAccount> ChannelAccounts { get; } = [];
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("Customers");
        b.Property(c => c.FirstName).HasMaxLength(100);
        b.Property(c => c.LastName).HasMaxLength(100);
        b.Property(c => c.Email).HasMaxLength(254);
        b.HasIndex(c => c.Email).IsUnique();
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.AddressLine1).HasMaxLength(200);
        b.Property(c => c.AddressLine2).HasMaxLength(200);
        b.Property(c => c.City).HasMaxLength(100);
        b.Property(c => c.Postcode).HasMaxLength(20);
        b.Property(c => c.Country).HasMaxLength(60);
        b.Property(c => c.Tier).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Segment).HasMaxLength(60);
        b.Property(c => c.LifetimeValue).HasPrecision(12, 2);
        b.Property(c => c.NetSpend).HasPrecision(12, 2);
        b.Ignore(c => c.FullName);
    }
}

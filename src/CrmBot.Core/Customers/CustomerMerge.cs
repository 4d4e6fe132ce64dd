using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Customers;

/// <summary>
/// A record that two customer records were found to be one person and merged (by an import): which survived, which
/// was merged into it (null when the other side was a row of the file), what matched, and where it came from. Holds
/// no personal data itself, so it outlives an erasure.
/// </summary>
public class CustomerMerge
{
    public long Id { get; set; }
    public int SurvivorId { get; set; }
    /// <summary>The id the merged customer had; the row is gone, its orders, conversations and accounts now belong to the survivor.</summary>
    public int? MergedCustomerId { get; set; }
    /// <summary>email, phone or name+address.</summary>
    public required string MatchedBy { get; set; }
    /// <summary>e.g. "import customers.csv row 12".</summary>
    public required string Source { get; set; }
    /// <summary>Which empty fields of the survivor were filled ("Phone, AddressLine2"), or empty.</summary>
    public string? FieldsFilled { get; set; }
    public DateTimeOffset MergedAt { get; set; }
}

internal sealed class CustomerMergeConfiguration : IEntityTypeConfiguration<CustomerMerge>
{
    public void Configure(EntityTypeBuilder<CustomerMerge> b)
    {
        b.ToTable("CustomerMerges");
        b.Property(m => m.MatchedBy).HasMaxLength(20);
        b.Property(m => m.Source).HasMaxLength(300);
        b.Property(m => m.FieldsFilled).HasMaxLength(200);
        b.HasIndex(m => m.SurvivorId);
    }
}

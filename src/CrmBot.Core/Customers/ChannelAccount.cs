using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Customers;

/// <summary>An identity on one channel (a Teams user, a Web Chat user id, the terminal) and the CRM customer it was verified as, if any.</summary>
public class ChannelAccount
{
    public int Id { get; set; }
    public required string Channel { get; set; }
    public required string AccountId { get; set; }
    public string? DisplayName { get; set; }
    public int? CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
}

internal sealed class ChannelAccountConfiguration : IEntityTypeConfiguration<ChannelAccount>
{
    public void Configure(EntityTypeBuilder<ChannelAccount> b)
    {
        b.ToTable("ChannelAccounts");
        b.Property(a => a.Channel).HasMaxLength(40);
        b.Property(a => a.AccountId).HasMaxLength(200);
        b.Property(a => a.DisplayName).HasMaxLength(200);
        b.HasIndex(a => new { a.Channel, a.AccountId }).IsUnique();
        b.HasOne(a => a.Customer).WithMany(c => c.ChannelAccounts).HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.SetNull);
    }
}

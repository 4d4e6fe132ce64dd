using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Customers;

/// <summary>
/// Failed identity checks against one email address across all conversations, so starting a new chat buys no new
/// guesses (Conversation:VerificationFailuresPerEmail within Conversation:VerificationFailureWindow lock the address for
/// Conversation:VerificationLockout). Addresses that are no customer's are
/// counted alike, so a lockout tells nothing about who is a customer; the row holds a hash, never the address.
/// </summary>
public class VerificationLockout
{
    /// <summary>SHA-256 of the normalised address, in hex (<see cref="KeyFor"/>).</summary>
    public required string EmailHash { get; set; }

    /// <summary>Failures since <see cref="WindowStartedAt"/>.</summary>
    public int Failures { get; set; }

    public DateTimeOffset WindowStartedAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public static string KeyFor(string email) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Customer.NormalizeEmail(email))));

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;

    /// <summary>Counts a failure; the one that reaches the limit locks the address and starts a fresh count for afterwards.</summary>
    public void RecordFailure(DateTimeOffset now, int failuresAllowed, TimeSpan window, TimeSpan lockout)
    {
        if (now - WindowStartedAt >= window)
        {
            WindowStartedAt = now;
            Failures = 0;
        }
        Failures++;
        if (Failures >= failuresAllowed)
        {
            LockedUntil = now + lockout;
            WindowStartedAt = now;
            Failures = 0;
        }
    }
}

internal sealed class VerificationLockoutConfiguration : IEntityTypeConfiguration<VerificationLockout>
{
    public void Configure(EntityTypeBuilder<VerificationLockout> b)
    {
        b.ToTable("VerificationLockouts");
        b.HasKey(l => l.EmailHash);
        b.Property(l => l.EmailHash).HasMaxLength(64);
    }
}

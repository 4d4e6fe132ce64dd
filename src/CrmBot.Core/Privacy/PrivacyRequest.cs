using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmBot.Core.Privacy;

public enum PrivacyRequestKind { Export, Erasure }

public enum PrivacyRequestStatus { Completed, Scheduled, Refused }

/// <summary>
/// Every subject access (export) and erasure request, by a customer in chat or an admin through the API: who asked,
/// when, and what came of it. No personal data: the customer is an id (after erasure, the id of a tombstone), staff
/// are their account id. An export delivered as a link also keeps the link's hash (never the link), expiry and use.
/// </summary>
public class PrivacyRequest
{
    public long Id { get; set; }
    public PrivacyRequestKind Kind { get; set; }
    public int CustomerId { get; set; }
    /// <summary>"customer" (in chat, after verification) or "admin".</summary>
    public required string RequestedBy { get; set; }
    /// <summary>The admin's staff account id.</summary>
    public string? StaffUserId { get; set; }
    /// <summary>Where it was asked: the chat channel ("directline", "msteams"…), "api", or "grace-period" for a scheduled erasure carried out.</summary>
    public required string Channel { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public PrivacyRequestStatus Status { get; set; }
    /// <summary>Erasure: when it was carried out; an erasure asked in chat is scheduled for the end of the grace period.</summary>
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>What was done, in counts ("3 conversations, 41 messages anonymised…"), or why it was refused.</summary>
    public string? Outcome { get; set; }
    /// <summary>SHA-256 of the download token, in hex; the token itself is only in the link given to the customer.</summary>
    public string? TokenHash { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public int Downloads { get; set; }
    public DateTimeOffset? LastDownloadAt { get; set; }
}

internal sealed class PrivacyRequestConfiguration : IEntityTypeConfiguration<PrivacyRequest>
{
    public void Configure(EntityTypeBuilder<PrivacyRequest> b)
    {
        b.ToTable("PrivacyRequests");
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.RequestedBy).HasMaxLength(20);
        b.Property(r => r.StaffUserId).HasMaxLength(450);
        b.Property(r => r.Channel).HasMaxLength(40);
        b.Property(r => r.Outcome).HasMaxLength(500);
        b.Property(r => r.TokenHash).HasMaxLength(64);
        b.HasIndex(r => r.TokenHash).IsUnique().HasFilter("\"TokenHash\" IS NOT NULL");
        b.HasIndex(r => r.CustomerId);
    }
}

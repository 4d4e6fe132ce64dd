using System.ComponentModel.DataAnnotations;

namespace CrmBot.Core.Privacy;

/// <summary>The "Privacy" section of appsettings.json: subject access links and the erasure grace period.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>An erasure asked for in chat is carried out this long after it was asked (the customer can still change their mind).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan ErasureGracePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a download link for a customer's data works.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ExportLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many times one link may be used before it stops working.</summary>
    [Range(1, 100)]
    public int ExportLinkMaxDownloads { get; set; } = 5;

    /// <summary>
    /// The service's public address (https://shop.example), put in front of download links given in chat so they work in
    /// Teams too; empty: links are relative to the web chat's page. Checked at start (<see cref="HasValidBaseUrl"/>).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public bool HasValidBaseUrl => string.IsNullOrEmpty(PublicBaseUrl)
        || (Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http");

    /// <summary>How often scheduled erasures whose grace period is over are carried out.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ErasureSweepInterval { get; set; } = TimeSpan.FromHours(1);
}

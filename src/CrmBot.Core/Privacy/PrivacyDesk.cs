using System.Security.Cryptography;
using CrmBot.Core.Customers;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Privacy;

/// <summary>Who asked: the customer in chat (after verification) or an admin through the API.</summary>
public sealed record PrivacyRequester(string RequestedBy, string Channel, string? StaffUserId = null)
{
    public const string Customer = "customer";
    public const string Admin = "admin";

    public static PrivacyRequester InChat(string channel) => new(Customer, channel);

    public static PrivacyRequester AdminApi(string staffUserId) => new(Admin, "api", staffUserId);
}

/// <summary>A download link for a customer's data: the path with its token, and until when it works.</summary>
public sealed record ExportLink(string Path, DateTimeOffset ExpiresAt, long RequestId);

/// <summary>
/// Subject access and erasure requests: every one is written to <c>PrivacyRequests</c> and to the log (ids, kinds and
/// outcomes only; never a name, email or token). Download links carry 256 random bits (base64url), are stored only as
/// their SHA-256, name one customer, expire after <see cref="PrivacyOptions.ExportLinkLifetime"/> and after
/// <see cref="PrivacyOptions.ExportLinkMaxDownloads"/> uses. An erasure asked in chat waits for the grace period
/// (the existing delete-account dialog promises it: the customer may change their mind); an admin's is immediate.
/// Stateless apart from options; thread-safe.
/// </summary>
public sealed partial class PrivacyDesk(IOptions<PrivacyOptions> options, ILogger<PrivacyDesk> logger)
{
    public const string ExportPath = "/privacy/exports/";

    public PrivacyOptions Options => options.Value;

    /// <summary>Creates a download link for the customer's data; the request row is added to <paramref name="db"/> and saved with the caller's changes.</summary>
    public ExportLink CreateExportLink(CrmDbContext db, int customerId, PrivacyRequester who, DateTimeOffset now)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var request = new PrivacyRequest
        {
            Kind = PrivacyRequestKind.Export,
            CustomerId = customerId,
            RequestedBy = who.RequestedBy,
            StaffUserId = who.StaffUserId,
            Channel = who.Channel,
            RequestedAt = now,
            Status = PrivacyRequestStatus.Completed,
            CompletedAt = now,
            Outcome = "download link issued",
            TokenHash = Hash(token),
            ExpiresAt = now + options.Value.ExportLinkLifetime,
        };
        db.PrivacyRequests.Add(request);
        // Saved with the caller's changes (the turn), so the row's id is not known yet.
        LogRequest(logger, 0, request.Kind, customerId, who.RequestedBy, who.Channel, request.Status);
        return new ExportLink(ExportPath + token, request.ExpiresAt.Value, request.Id);
    }

    /// <summary>The full link to give a customer: <see cref="PrivacyOptions.PublicBaseUrl"/> in front when set.</summary>
    public string PublicUrl(ExportLink link) =>
        string.IsNullOrEmpty(options.Value.PublicBaseUrl) ? link.Path : options.Value.PublicBaseUrl.TrimEnd('/') + link.Path;

    /// <summary>
    /// The customer a download token is for, counting the download; null for a token that is unknown, malformed,
    /// expired, used up, or whose customer has since been erased.
    /// </summary>
    public async Task<int?> RedeemAsync(CrmDbContext db, string token, DateTimeOffset now, CancellationToken ct)
    {
        if (token.Length != 43 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }
        var hash = Hash(token);
        var request = await db.PrivacyRequests.FirstOrDefaultAsync(r => r.TokenHash == hash, ct);
        if (request is null || request.ExpiresAt <= now || request.Downloads >= options.Value.ExportLinkMaxDownloads
            || !await db.Customers.AnyAsync(c => c.Id == request.CustomerId && c.ErasedAt == null, ct))
        {
            LogRefusedDownload(logger, request?.Id);
            return null;
        }
        request.Downloads++;
        request.LastDownloadAt = now;
        await db.SaveChangesAsync(ct);
        LogDownload(logger, request.Id, request.Downloads);
        return request.CustomerId;
    }

    /// <summary>An export an admin downloads directly: logged as completed.</summary>
    public async Task<PersonalData?> ExportForAdminAsync(CrmDbContext db, int customerId, PrivacyRequester who, DateTimeOffset now, CancellationToken ct)
    {
        var data = await PersonalDataExport.CollectAsync(db, customerId, now, ct);
        await RecordAsync(db, PrivacyRequestKind.Export, customerId, who, now, data is null ? PrivacyRequestStatus.Refused : PrivacyRequestStatus.Completed,
            data is null ? "no such customer, or already erased" : "exported to an admin", ct);
        return data;
    }

    /// <summary>
    /// A verified customer asks in chat to be forgotten: the account is marked, marketing consent withdrawn, and the
    /// erasure scheduled for the end of the grace period. Saved with the turn.
    /// </summary>
    public DateTimeOffset ScheduleErasure(CrmDbContext db, Customer customer, PrivacyRequester who, DateTimeOffset now)
    {
        customer.MarkedForDeletionAt ??= now;
        customer.MarketingConsent = false;
        var due = customer.MarkedForDeletionAt.Value + options.Value.ErasureGracePeriod;
        var request = new PrivacyRequest
        {
            Kind = PrivacyRequestKind.Erasure,
            CustomerId = customer.Id,
            RequestedBy = who.RequestedBy,
            StaffUserId = who.StaffUserId,
            Channel = who.Channel,
            RequestedAt = now,
            Status = PrivacyRequestStatus.Scheduled,
            DueAt = due,
            Outcome = "marked for deletion; erased after the grace period",
        };
        db.PrivacyRequests.Add(request);
        LogRequest(logger, 0, request.Kind, customer.Id, who.RequestedBy, who.Channel, request.Status);
        return due;
    }

    /// <summary>Erases a customer now (an admin's request, or a scheduled one whose grace period is over) and logs it.</summary>
    public async Task<ErasureResult?> EraseNowAsync(CrmDbContext db, int customerId, PrivacyRequester who, DateTimeOffset now, CancellationToken ct)
    {
        var result = await CustomerEraser.EraseAsync(db, customerId, now, ct);
        db.ChangeTracker.Clear();
        // A scheduled request from chat is the one being carried out; an admin's is a request of its own.
        var scheduled = who.Channel == ScheduledErasure.Channel
            ? await db.PrivacyRequests.Where(r => r.CustomerId == customerId && r.Kind == PrivacyRequestKind.Erasure && r.Status == PrivacyRequestStatus.Scheduled).ToListAsync(ct)
            : [];
        if (result is not null && scheduled.Count > 0)
        {
            foreach (var request in scheduled)
            {
                request.Status = PrivacyRequestStatus.Completed;
                request.CompletedAt = now;
                request.Outcome = result.ToString();
                LogRequest(logger, request.Id, request.Kind, customerId, request.RequestedBy, who.Channel, request.Status);
            }
            await db.SaveChangesAsync(ct);
            return result;
        }
        await RecordAsync(db, PrivacyRequestKind.Erasure, customerId, who, now, result is null ? PrivacyRequestStatus.Refused : PrivacyRequestStatus.Completed,
            result?.ToString() ?? "no such customer, or already erased", ct);
        return result;
    }

    private async Task RecordAsync(CrmDbContext db, PrivacyRequestKind kind, int customerId, PrivacyRequester who, DateTimeOffset now, PrivacyRequestStatus status, string outcome, CancellationToken ct)
    {
        var request = new PrivacyRequest
        {
            Kind = kind,
            CustomerId = customerId,
            RequestedBy = who.RequestedBy,
            StaffUserId = who.StaffUserId,
            Channel = who.Channel,
            RequestedAt = now,
            Status = status,
            CompletedAt = status == PrivacyRequestStatus.Completed ? now : null,
            Outcome = outcome,
        };
        db.PrivacyRequests.Add(request);
        await db.SaveChangesAsync(ct);
        LogRequest(logger, request.Id, kind, customerId, who.RequestedBy, who.Channel, status);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Information, Message = "Privacy request {RequestId} (0: saved with the turn): {Kind} for customer {CustomerId} by {RequestedBy} via {Channel}: {Status}")]
    private static partial void LogRequest(ILogger logger, long requestId, PrivacyRequestKind kind, int customerId, string requestedBy, string channel, PrivacyRequestStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Privacy export {RequestId} downloaded (use {Downloads})")]
    private static partial void LogDownload(ILogger logger, long requestId, int downloads);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Privacy export download refused (request {RequestId}): unknown, expired, used up or erased")]
    private static partial void LogRefusedDownload(ILogger logger, long? requestId);
}

using System.ComponentModel;
using System.Security.Claims;
using CrmBot.Core.Privacy;
using CrmBot.Core.Storage;
using CrmBot.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Privacy;

/// <summary>
/// Data rights over HTTP. <c>GET /privacy/exports/{token}</c> serves the download link the bot gives a verified
/// customer (no sign-in: the token is the key; it names one customer, expires, and every refusal looks the same).
/// <c>/api/admin/privacy</c> lets admins (only) export or erase a customer at once and read the request log; the POST
/// needs the antiforgery token that the log's GET returns.
/// </summary>
public static class PrivacyEndpoints
{
    public const string ArchiveName = "brightwave-personal-data.zip";

    public static WebApplication MapPrivacy(this WebApplication app)
    {
        app.MapGet(PrivacyDesk.ExportPath + "{token}", DownloadAsync).WithTags("Privacy")
            .WithSummary("Download a customer's data")
            .WithDescription("The zip (JSON and CSV) behind the link the bot gives a verified customer who asks for a copy of their data. 404 for a token that is unknown, expired, used up or whose customer was erased.");

        var admin = app.MapGroup("/api/admin/privacy").WithTags("Privacy")
            .RequireAuthorization(StaffPolicies.Admin)
            .AddEndpointFilter<AntiforgeryFilter>();
        admin.MapGet("/requests", RequestsAsync)
            .WithSummary("The privacy request log")
            .WithDescription("Every export and erasure request, newest first (at most 500): kind, customer id, who asked and how, status, when. Also the antiforgery token the erase POST needs.");
        admin.MapGet("/customers/{id:int}/export", ExportAsync)
            .WithSummary("Export a customer's data")
            .WithDescription("The same zip a customer gets, at once. Logged as a privacy request.");
        admin.MapPost("/customers/{id:int}/erase", EraseAsync)
            .WithSummary("Erase a customer now")
            .WithDescription("Right to be forgotten, without the grace period a chat request waits for: personal fields replaced by a tombstone, conversations anonymised, orders kept without the link. Logged as a privacy request.");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string token, HttpContext http, PrivacyDesk desk, CrmDbContext db, TimeProvider time, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var now = time.GetUtcNow();
        if (await desk.RedeemAsync(db, token, now, ct) is not int customerId
            || await PersonalDataExport.CollectAsync(db, customerId, now, ct) is not { } data)
        {
            return TypedResults.Problem("This download link is not valid: it may have expired or been used too often. Ask the chat for a new one.",
                statusCode: StatusCodes.Status404NotFound, title: "Link not valid");
        }
        return TypedResults.File(ExportArchive.Build(data), "application/zip", ArchiveName);
    }

    private static async Task<Ok<PrivacyRequestLog>> RequestsAsync(HttpContext http, IAntiforgery antiforgery, CrmDbContext db, CancellationToken ct)
    {
        var requests = await db.PrivacyRequests.AsNoTracking().OrderByDescending(r => r.Id).Take(500)
            .Select(r => new PrivacyRequestView(r.Id, r.Kind.ToString(), r.CustomerId, r.RequestedBy, r.StaffUserId, r.Channel, r.RequestedAt, r.Status.ToString(), r.DueAt, r.CompletedAt, r.Outcome, r.Downloads))
            .ToListAsync(ct);
        return TypedResults.Ok(new PrivacyRequestLog(requests, antiforgery.GetAndStoreTokens(http).RequestToken!));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        [Description("The customer's id.")] int id, HttpContext http, PrivacyDesk desk, CrmDbContext db, TimeProvider time, CancellationToken ct)
    {
        var data = await desk.ExportForAdminAsync(db, id, PrivacyRequester.AdminApi(StaffId(http)), time.GetUtcNow(), ct);
        http.Response.Headers.CacheControl = "no-store";
        return data is null
            ? TypedResults.Problem($"There is no customer {id}, or their data was erased.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.File(ExportArchive.Build(data), "application/zip", $"customer-{id}-personal-data.zip");
    }

    private static async Task<Results<Ok<ErasureView>, ProblemHttpResult>> EraseAsync(
        [Description("The customer's id.")] int id, HttpContext http, PrivacyDesk desk, CrmDbContext db, TimeProvider time, CancellationToken ct)
    {
        var result = await desk.EraseNowAsync(db, id, PrivacyRequester.AdminApi(StaffId(http)), time.GetUtcNow(), ct);
        return result is null
            ? TypedResults.Problem($"There is no customer {id}, or they were already erased.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new ErasureView(id, result.Conversations, result.Messages, result.ChannelAccounts, result.Orders, result.Escalations, result.Suggestions));
    }

    private static string StaffId(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
}

public sealed record PrivacyRequestView(long Id, string Kind, int CustomerId, string RequestedBy, string? StaffUserId, string Channel,
    DateTimeOffset RequestedAt, string Status, DateTimeOffset? DueAt, DateTimeOffset? CompletedAt, string? Outcome, int Downloads);

public sealed record PrivacyRequestLog(IReadOnlyList<PrivacyRequestView> Requests, string AntiforgeryToken);

public sealed record ErasureView(int CustomerId, int Conversations, int Messages, int ChannelAccounts, int Orders, int Escalations, int Suggestions);

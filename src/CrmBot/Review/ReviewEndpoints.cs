using System.ComponentModel;
using System.Security.Claims;
using CrmBot.Core.Agents;
using CrmBot.Core.Review;
using CrmBot.Core.Storage;
using CrmBot.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CrmBot.Review;

/// <summary>
/// Conversation review for supervisors (issue 10): search transcripts, read one with how each customer message was
/// understood, and correct a message's intent or sentiment label for the next <c>train</c>. Supervisors and admins
/// only; the correction POST needs the antiforgery header (the token comes with <c>/api/review/labels</c>).
/// </summary>
public static class ReviewEndpoints
{
    public static IServiceCollection AddConversationReview(this IServiceCollection services) => services
        .AddSingleton<TranscriptSearch>()
        .AddSingleton<LabelCorrections>();

    public static RouteGroupBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/review").WithTags("Conversation review")
            .RequireAuthorization(StaffPolicies.Supervisor)
            .AddEndpointFilter<AntiforgeryFilter>();
        group.MapGet("/labels", Labels)
            .WithSummary("Labels a reviewer may choose")
            .WithDescription("The intents and sentiment labels of the loaded models (a correction must use one of them), and the antiforgery token for corrections.");
        group.MapGet("/conversations", SearchAsync)
            .WithSummary("Search transcripts")
            .WithDescription("Conversations, newest first, a page at a time. Filters combine: text in any message, the customer (id, or part of the name or email), "
                + "an intent and a sentiment range met by one customer message, escalated or not, and the day it started (from inclusive, to exclusive).");
        group.MapGet("/conversations/{id:guid}", TranscriptAsync)
            .WithSummary("Read a transcript")
            .WithDescription("Every message oldest first; customer messages carry their intent, confidence and sentiment as the models gave them, and any reviewer's correction.");
        group.MapPost("/messages/{id:long}/corrections", CorrectAsync)
            .WithSummary("Correct a customer message's intent or sentiment")
            .WithDescription("Stores the right intent (one of the model's intents), the right sentiment label, or both, with who corrected it and when. "
                + "The message keeps what the model said; the next `train` learns from the correction.");
        return group;
    }

    private static Ok<ReviewLabelsResponse> Labels(HttpContext http, LabelCorrections corrections, IAntiforgery antiforgery)
    {
        var labels = corrections.Labels();
        return TypedResults.Ok(new ReviewLabelsResponse(labels.Intents, labels.Sentiments, antiforgery.GetAndStoreTokens(http).RequestToken!));
    }

    private static async Task<Results<Ok<TranscriptPage>, ValidationProblem>> SearchAsync(
        [AsParameters] TranscriptSearchParameters parameters, TranscriptSearch search, LabelCorrections corrections, CrmDbContext db, CancellationToken ct)
    {
        var errors = parameters.Validate(corrections.Labels());
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await search.SearchAsync(db, parameters.ToQuery(), ct));
    }

    private static async Task<Results<Ok<TranscriptView>, ProblemHttpResult>> TranscriptAsync(Guid id, TranscriptSearch search, CrmDbContext db, CancellationToken ct) =>
        await search.TranscriptAsync(db, id, ct) is { } transcript
            ? TypedResults.Ok(transcript)
            : TypedResults.Problem($"There is no conversation {id}.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Created<CorrectionView>, ValidationProblem, ProblemHttpResult>> CorrectAsync(
        long id, CorrectionRequest request, HttpContext http, LabelCorrections corrections, UserManager<StaffUser> users, CrmDbContext db, CancellationToken ct)
    {
        var reviewerId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var reviewer = await users.GetUserAsync(http.User);
        var (correction, refusal) = await corrections.CorrectAsync(db, id, request, reviewerId, reviewer?.DisplayName ?? http.User.Identity?.Name ?? reviewerId, ct);
        return refusal switch
        {
            null => TypedResults.Created($"/api/review/conversations/{correction!.ConversationId}", correction),
            { Problem: CorrectionProblem.NotFound } => TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status404NotFound),
            { Field: { } field } => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [refusal.Detail] }, detail: refusal.Detail),
            _ => TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status400BadRequest),
        };
    }
}

public sealed record ReviewLabelsResponse(IReadOnlyList<string> Intents, IReadOnlyList<string> Sentiments, string AntiforgeryToken);

/// <summary>The query string of a transcript search; see <see cref="TranscriptQuery"/> for what each filter means.</summary>
public sealed record TranscriptSearchParameters(
    [property: FromQuery, Description("Text in any message of the conversation (case-insensitive).")] string? Text,
    [property: FromQuery, Description("The customer's id.")] int? CustomerId,
    [property: FromQuery, Description("Part of the customer's name or email address.")] string? Customer,
    [property: FromQuery, Description("An intent of the model, met by a customer message (with the sentiment range, the same message).")] string? Intent,
    [property: FromQuery, Description("Lowest sentiment score, -1 to 1, of that customer message.")] double? SentimentMin,
    [property: FromQuery, Description("Highest sentiment score, -1 to 1, of that customer message.")] double? SentimentMax,
    [property: FromQuery, Description("true: only conversations handed to a person; false: only those the bot handled alone.")] bool? Escalated,
    [property: FromQuery, Description("Started at or after (ISO 8601).")] DateTimeOffset? From,
    [property: FromQuery, Description("Started before (ISO 8601).")] DateTimeOffset? To,
    [property: FromQuery, Description("directline (web chat) or msteams.")] string? Channel,
    [property: FromQuery, Description("Page number, from 1.")] int? Page,
    [property: FromQuery, Description("Conversations per page, 1 to 100 (25 by default).")] int? PageSize)
{
    public Dictionary<string, string[]> Validate(ReviewLabels labels)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string why) => errors[field] = [why];
        if (Text?.Length > TranscriptSearch.MaxTextLength) Fail("text", $"Search for at most {TranscriptSearch.MaxTextLength} characters.");
        if (Intent is { Length: > 0 } intent && !labels.Intents.Contains(intent, StringComparer.Ordinal))
            Fail("intent", $"'{intent}' is not an intent the model knows. Choose one of: {string.Join(", ", labels.Intents)}.");
        if (SentimentMin is < -1 or > 1) Fail("sentimentMin", "Sentiment scores run from -1 to 1.");
        if (SentimentMax is < -1 or > 1) Fail("sentimentMax", "Sentiment scores run from -1 to 1.");
        if (SentimentMin > SentimentMax) Fail("sentimentMin", "The lowest sentiment is above the highest.");
        if (From >= To) Fail("from", "The range starts after it ends.");
        if (Page is < 1) Fail("page", "Pages are numbered from 1.");
        if (PageSize is < 1 or > TranscriptSearch.MaxPageSize) Fail("pageSize", $"A page holds 1 to {TranscriptSearch.MaxPageSize} conversations.");
        return errors;
    }

    public TranscriptQuery ToQuery() => new()
    {
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        CustomerId = CustomerId,
        Customer = string.IsNullOrWhiteSpace(Customer) ? null : Customer.Trim(),
        Intent = string.IsNullOrWhiteSpace(Intent) ? null : Intent,
        SentimentMin = SentimentMin,
        SentimentMax = SentimentMax,
        Escalated = Escalated,
        From = From,
        To = To,
        Channel = string.IsNullOrWhiteSpace(Channel) ? null : Channel,
        Page = Page ?? 1,
        PageSize = PageSize ?? TranscriptSearch.DefaultPageSize,
    };
}

using System.ComponentModel;
using CrmBot.Core.Analytics;
using CrmBot.Core.Storage;
using CrmBot.Staff;
using Microsoft.Extensions.Options;

namespace CrmBot.Supervisor;

/// <summary>
/// The supervisor's analytics API: one GET per figure under <c>/api/supervisor/analytics</c>, for supervisors and
/// admins. Every figure takes the same period and filters (<see cref="AnalyticsParameters"/>) and answers JSON, or
/// CSV with <c>format=csv</c>. Bad input gets 400 with the reason per parameter (a validation problem), never a guess.
/// </summary>
public static class AnalyticsEndpoints
{
    public const string Path = "/api/supervisor/analytics";

    public static RouteGroupBuilder MapSupervisorAnalytics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Supervisor analytics").RequireAuthorization(StaffPolicies.Supervisor);
        group.AddEndpointFilter(async (context, next) =>
        {
            // Customer phrases and per-agent figures: not for shared caches.
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });

        group.MapGet("/filters", (AnalyticsFilterReader reader, CrmDbContext db, CancellationToken ct) => reader.ValuesAsync(db, ct))
            .WithSummary("The values each filter may take, the time zone, the default period and the limits")
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden);

        group.MapGet("/sentiment-over-time", (
                [AsParameters] AnalyticsParameters p,
                [Description("day (default) or hour. Hourly buckets cover at most Analytics:MaxHourlyRangeDays (31) days.")] string? granularity,
                AnalyticsResponder answer, SentimentAnalytics sentiment, CrmDbContext db, IOptions<AnalyticsOptions> options, CancellationToken ct) =>
            {
                if (!TryGranularity(granularity, out var bucket))
                {
                    return Task.FromResult(AnalyticsResponder.Invalid("granularity", "granularity is day or hour."));
                }
                int maxHourly = options.Value.MaxHourlyRangeDays;
                return answer.AnswerAsync(p, "sentiment-over-time", f => sentiment.OverTimeAsync(db, f, bucket, ct), AnalyticsCsv.SentimentOverTime, ct,
                    f => bucket == TimeGranularity.Hour && f.Period.Days > maxHourly
                        ? ("granularity", $"Hourly buckets cover at most {maxHourly} days, and this range has {f.Period.Days}; choose daily buckets or a shorter range.")
                        : null);
            })
            .Describe<SentimentOverTime>("Customer sentiment per day or hour: mean score and messages per label");

        group.MapGet("/sentiment-by-intent", ([AsParameters] AnalyticsParameters p, AnalyticsResponder answer, SentimentAnalytics sentiment, CrmDbContext db, CancellationToken ct) =>
                answer.AnswerAsync(p, "sentiment-by-intent", f => sentiment.ByIntentAsync(db, f, ct), AnalyticsCsv.SentimentByIntent, ct))
            .Describe<SentimentByIntent>("Customer sentiment per intent: mean score, messages per label, negative share");

        group.MapGet("/escalations", ([AsParameters] AnalyticsParameters p, AnalyticsResponder answer, EscalationAnalytics escalations, CrmDbContext db, CancellationToken ct) =>
                answer.AnswerAsync(p, "escalations", f => escalations.EscalationsAsync(db, f, ct), AnalyticsCsv.Escalations, ct))
            .Describe<EscalationFigures>("Escalation rate (conversations handed to a person) and escalations per reason");

        group.MapGet("/containment", ([AsParameters] AnalyticsParameters p, AnalyticsResponder answer, EscalationAnalytics escalations, CrmDbContext db, CancellationToken ct) =>
                answer.AnswerAsync(p, "containment", f => escalations.ContainmentAsync(db, f, ct), AnalyticsCsv.Containment, ct))
            .Describe<ContainmentFigures>("Containment: conversations the bot handled without a person, overall and per day");

        group.MapGet("/csat", ([AsParameters] AnalyticsParameters p, AnalyticsResponder answer, EscalationAnalytics escalations, CrmDbContext db, CancellationToken ct) =>
                answer.AnswerAsync(p, "csat", f => escalations.CsatAsync(db, f, ct), AnalyticsCsv.Csat, ct))
            .Describe<CsatFigures>("Customer satisfaction after an agent resolved: average, response rate, ratings per score");

        group.MapGet("/handling-times", ([AsParameters] AnalyticsParameters p, AnalyticsResponder answer, EscalationAnalytics escalations, CrmDbContext db, CancellationToken ct) =>
                answer.AnswerAsync(p, "handling-times", f => escalations.HandlingTimesAsync(db, f, ct), AnalyticsCsv.HandlingTimes, ct))
            .Describe<HandlingTimes>("Average wait and handle times of escalations, overall and per queue");

        group.MapGet("/busiest-hours", ([AsParameters] AnalyticsParameters p, AnalyticsResponder answer, TrafficAnalytics traffic, CrmDbContext db, CancellationToken ct) =>
                answer.AnswerAsync(p, "busiest-hours", f => traffic.BusiestHoursAsync(db, f, ct), AnalyticsCsv.BusiestHours, ct))
            .Describe<BusiestHours>("Conversations started and escalations created per weekday and hour");

        group.MapGet("/negative-intents", (
                [AsParameters] AnalyticsParameters p,
                [Description("How many intents, 1 to Analytics:MaxNegativeIntents (10); default 5.")] string? top,
                AnalyticsResponder answer, NegativeIntentAnalytics negative, CrmDbContext db, IOptions<AnalyticsOptions> options, CancellationToken ct) =>
            {
                int max = options.Value.MaxNegativeIntents;
                int count = DefaultNegativeIntents;
                if (!string.IsNullOrEmpty(top) && !(int.TryParse(top, System.Globalization.NumberStyles.None, null, out count) && count >= 1 && count <= max))
                {
                    return Task.FromResult(AnalyticsResponder.Invalid("top", $"top is a whole number from 1 to {max}."));
                }
                return answer.AnswerAsync(p, "negative-intents", f => negative.TopAsync(db, f, count, ct), AnalyticsCsv.NegativeIntents, ct);
            })
            .Describe<NegativeIntents>("The intents with most negative customer messages and the phrases that drive them");

        group.MapGet("/agent-workload", ([AsParameters] AnalyticsParameters p, AnalyticsResponder answer, AgentWorkloadAnalytics workload, CrmDbContext db, CancellationToken ct) =>
                answer.AnswerAsync(p, "agent-workload", f => workload.WorkloadAsync(db, f, ct), AnalyticsCsv.AgentWorkload, ct))
            .Describe<AgentWorkload>("Escalations, handle time, satisfaction and messages per agent");

        group.MapGet("/suggestions", ([AsParameters] AnalyticsParameters p, AnalyticsResponder answer, SuggestionAnalytics suggestions, CrmDbContext db, CancellationToken ct) =>
                answer.AnswerAsync(p, "suggestions", f => suggestions.ClickThroughAsync(db, f, ct), AnalyticsCsv.Suggestions, ct))
            .Describe<SuggestionFigures>("Product suggestions shown and clicked in chat, with the click-through rate per strategy (the A/B comparison)");

        group.MapGet("/language-model", ([AsParameters] AnalyticsParameters p, AnalyticsResponder answer, LanguageModelAnalytics model, CrmDbContext db, CancellationToken ct) =>
                answer.AnswerAsync(p, "language-model", f => model.UsageAsync(db, f, ct), AnalyticsCsv.LanguageModel, ct))
            .Describe<LanguageModelFigures>("Language-model exchanges per purpose: used or fallen back, tokens and latency (empty when no model is configured)");
        return group;
    }

    private const int DefaultNegativeIntents = 5;

    private static bool TryGranularity(string? value, out TimeGranularity granularity)
    {
        granularity = TimeGranularity.Day;
        return string.IsNullOrEmpty(value)
            || (!char.IsDigit(value[0]) && Enum.TryParse(value, ignoreCase: true, out granularity) && Enum.IsDefined(granularity));
    }

    private static RouteHandlerBuilder Describe<T>(this RouteHandlerBuilder endpoint, string summary) => endpoint
        .WithSummary(summary)
        .Produces<T>(StatusCodes.Status200OK)
        .Produces(StatusCodes.Status200OK, typeof(string), "text/csv")
        .ProducesValidationProblem()
        .Produces(StatusCodes.Status401Unauthorized)
        .Produces(StatusCodes.Status403Forbidden);
}

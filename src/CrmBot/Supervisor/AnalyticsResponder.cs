using CrmBot.Core.Analytics;
using CrmBot.Core.Storage;

namespace CrmBot.Supervisor;

/// <summary>
/// What every analytics endpoint does around its figure: check the format and filters, answer 400 with the reasons
/// when they are wrong, otherwise compute the figure and send it as JSON or as a CSV download. One per request.
/// </summary>
public sealed class AnalyticsResponder(AnalyticsFilterReader reader, CrmDbContext db)
{
    /// <summary>
    /// Answers <paramref name="figure"/> for the request's filter. <paramref name="check"/> may refuse a filter for
    /// this figure with the parameter at fault and why (an hourly range that is too long).
    /// </summary>
    public async Task<IResult> AnswerAsync<T>(
        AnalyticsParameters parameters, string name, Func<AnalyticsFilter, Task<T>> figure, Func<T, CsvTable> csv, CancellationToken ct,
        Func<AnalyticsFilter, (string Parameter, string Reason)?>? check = null)
    {
        bool asCsv;
        switch (parameters.Format?.Trim().ToLowerInvariant())
        {
            case null or "" or "json":
                asCsv = false;
                break;
            case "csv":
                asCsv = true;
                break;
            default:
                return Invalid("format", "format is json or csv.");
        }
        var (filter, errors) = await reader.ReadAsync(db, parameters.ToQuery(), ct);
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(e => e)));
        }
        if (check?.Invoke(filter) is { } refusal)
        {
            return Invalid(refusal.Parameter, refusal.Reason);
        }
        var value = await figure(filter);
        return asCsv
            ? TypedResults.File(csv(value).ToBytes(), "text/csv; charset=utf-8", $"{name}_{filter.Period.From:yyyy-MM-dd}_{filter.Period.To:yyyy-MM-dd}.csv")
            : TypedResults.Ok(value);
    }

    public static IResult Invalid(string parameter, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [reason] }, detail: reason);
}

using System.Globalization;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Analytics;

/// <summary>
/// Checks an <see cref="AnalyticsQuery"/> and turns it into an <see cref="AnalyticsFilter"/>, or says what is wrong
/// with it per parameter: dates that do not parse, a reversed or too long range, filter values the store has never
/// seen. Also lists the values each filter may take. Stateless; thread-safe.
/// </summary>
public sealed class AnalyticsFilterReader(
    IOptions<AnalyticsOptions> options, IOptions<ConversationOptions> conversation, IOptions<EscalationOptions> escalation, TimeProvider time)
{
    private const string DateFormat = "yyyy-MM-dd";
    private const int LongestValue = 100;

    // Far enough apart for any report, and clear of DateTime's ends, where a day's start or end is out of range.
    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2999, 12, 31);

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(conversation.Value.TimeZone);

    /// <summary>The filter, or the problems keyed by query parameter (then the filter is null).</summary>
    public async Task<(AnalyticsFilter? Filter, Dictionary<string, string[]> Errors)> ReadAsync(CrmDbContext db, AnalyticsQuery query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var period = ReadPeriod(query, errors);

        string? Text(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            if (value.Length > LongestValue)
            {
                errors[name] = [$"{name} is at most {LongestValue} characters."];
                return null;
            }
            return value.Trim();
        }

        var channel = Text("channel", query.Channel);
        if (channel is not null && !await db.Conversations.AnyAsync(c => c.Channel == channel, ct))
        {
            errors["channel"] = [$"No conversation came through a channel called '{channel}'."];
        }
        var intent = Text("intent", query.Intent);
        if (intent is not null && !await db.Interactions.AnyAsync(i => i.Intent == intent && i.Author == InteractionAuthor.Customer, ct))
        {
            errors["intent"] = [$"No customer message was understood as the intent '{intent}'."];
        }
        var queue = Text("queue", query.Queue);
        if (queue is not null && !ConfiguredQueues().Contains(queue) && !await db.Escalations.AnyAsync(e => e.Queue == queue, ct))
        {
            errors["queue"] = [$"There is no queue called '{queue}'."];
        }
        int? agentId = null;
        if (Text("agent", query.Agent) is { } agent)
        {
            if (int.TryParse(agent, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && await db.Agents.AnyAsync(a => a.Id == id, ct))
            {
                agentId = id;
            }
            else
            {
                errors["agent"] = [$"There is no agent with the id '{agent}'."];
            }
        }
        var segment = Text("segment", query.Segment);
        if (segment is not null && !await db.Customers.AnyAsync(c => c.Segment == segment, ct))
        {
            errors["segment"] = [$"No customer is in a segment called '{segment}'."];
        }
        CustomerTier? tier = null;
        if (Text("tier", query.Tier) is { } tierName)
        {
            if (Enum.TryParse<CustomerTier>(tierName, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(tierName[0]))
            {
                tier = parsed;
            }
            else
            {
                errors["tier"] = [$"The tier is one of {string.Join(", ", Enum.GetNames<CustomerTier>())}."];
            }
        }
        return errors.Count > 0 || period is null
            ? (null, errors)
            : (new AnalyticsFilter(period, channel, intent, queue, agentId, segment, tier), errors);
    }

    /// <summary>Every value each filter may take, sorted, with the defaults and limits a form needs.</summary>
    public async Task<FilterValues> ValuesAsync(CrmDbContext db, CancellationToken ct)
    {
        var channels = await db.Conversations.AsNoTracking().Select(c => c.Channel).Distinct().ToListAsync(ct);
        var intents = await db.Interactions.AsNoTracking()
            .Where(i => i.Author == InteractionAuthor.Customer && i.Intent != null).Select(i => i.Intent!).Distinct().ToListAsync(ct);
        var queues = await db.Escalations.AsNoTracking().Select(e => e.Queue).Distinct().ToListAsync(ct);
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.DisplayName).Select(a => new AgentOption(a.Id, a.DisplayName)).ToListAsync(ct);
        var segments = await db.Customers.AsNoTracking().Where(c => c.Segment != null).Select(c => c.Segment!).Distinct().ToListAsync(ct);
        var settings = options.Value;
        var period = ReportPeriod.LastDays(settings.DefaultRangeDays, time.GetUtcNow(), Zone);
        return new FilterValues(Sorted(channels), Sorted(intents), Sorted(queues.Concat(ConfiguredQueues())), agents, Sorted(segments),
            Enum.GetNames<CustomerTier>(), Zone.Id, period.From, period.To, settings.MaxRangeDays, settings.MaxHourlyRangeDays);
    }

    private ReportPeriod? ReadPeriod(AnalyticsQuery query, Dictionary<string, string[]> errors)
    {
        var settings = options.Value;
        var today = ReportPeriod.Today(time.GetUtcNow(), Zone);
        var from = ReadDate("from", query.From, errors);
        var to = ReadDate("to", query.To, errors);
        if (errors.Count > 0)
        {
            return null;
        }
        var end = to ?? (from is null ? today : Max(from.Value, today));
        var start = from ?? end.AddDays(1 - settings.DefaultRangeDays);
        if (start > end)
        {
            errors["from"] = [$"from ({start:yyyy-MM-dd}) is after to ({end:yyyy-MM-dd})."];
            return null;
        }
        int days = end.DayNumber - start.DayNumber + 1;
        if (days > settings.MaxRangeDays)
        {
            errors["to"] = [$"The range covers {days} days; at most {settings.MaxRangeDays} are allowed."];
            return null;
        }
        return ReportPeriod.Of(start, end, Zone);
    }

    private static DateOnly? ReadDate(string name, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date >= Earliest && date <= Latest)
        {
            return date;
        }
        errors[name] = [$"{name} is a date written {DateFormat} between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}, e.g. 2026-11-30."];
        return null;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private IEnumerable<string> ConfiguredQueues() => escalation.Value.QueueByIntent.Values.Append(escalation.Value.DefaultQueue);

    private static List<string> Sorted(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}

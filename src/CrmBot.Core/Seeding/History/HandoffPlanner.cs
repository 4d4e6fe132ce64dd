using Bogus;
using CrmBot.Core.Agents;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;

namespace CrmBot.Core.Seeding.History;

/// <summary>How a past escalation went, decided when it was created: who took it and when, or when the customer gave up.</summary>
internal sealed record HandoffPlan(
    Agent? Agent,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? AbandonedAt,
    (Agent Agent, DateTimeOffset AssignedAt)? Missed,
    string Disposition,
    bool CustomerStays,
    int? Rating);

/// <summary>
/// The team's side of the demo history. Agents work a weekly rota within the opening hours; a waiting customer is
/// taken by an agent on duty with the queue's skill after a wait that grows at busy hours and shrinks with priority;
/// customers who wait longer than their patience leave (Abandoned), as do those who escalate when the team is away.
/// Dispositions follow the team (returns issue refunds, technical sends replacements) and ratings skew positive,
/// lower after a long wait, an unsolved problem or an angry start.
/// </summary>
internal sealed class HandoffPlanner(IReadOnlyList<Agent> agents, EscalationOptions options, TimeZoneInfo zone, DateTimeOffset horizon)
{
    private static readonly TimeSpan MedianWait = TimeSpan.FromSeconds(55);
    private const double RequeueChance = 0.06;
    /// <summary>Of the conversations an agent solved, the share they hand back to the bot instead of closing.</summary>
    private const double HandBackShareOfSolved = 0.18;
    private const double NoResponseChance = 0.04;

    // How much longer a customer waits at each local hour than at a quiet one: the team is the same size all day.
    private static readonly double[] HourLoad =
        [1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.5, 1.7, 1.8, 2.4, 2.3, 1.8, 1.5, 1.4, 1.6, 1.9, 2.3, 1.6, 1.2, 1, 1];

    private static readonly IReadOnlyDictionary<string, (string[] Dispositions, double[] Weights)> ByTeam = new Dictionary<string, (string[], double[])>
    {
        ["orders"] = (["solved", "follow-up", "replacement-sent", "refund-issued", "not-solved"], [0.36, 0.3, 0.14, 0.1, 0.1]),
        ["returns"] = (["refund-issued", "solved", "follow-up", "not-solved"], [0.45, 0.35, 0.14, 0.06]),
        ["billing"] = (["solved", "refund-issued", "follow-up", "not-solved"], [0.46, 0.38, 0.1, 0.06]),
        ["technical"] = (["replacement-sent", "solved", "follow-up", "not-solved"], [0.34, 0.36, 0.2, 0.1]),
        ["accounts"] = (["solved", "follow-up", "not-solved"], [0.76, 0.19, 0.05]),
        ["general"] = (["solved", "follow-up", "refund-issued", "not-solved"], [0.42, 0.26, 0.14, 0.18]),
    };

    public HandoffPlan Plan(Randomizer random, DateTimeOffset createdAt, string queue, string team, int priority, Mood mood)
    {
        // Patience is exponential: most wait a few minutes, a few wait long; crosser customers give up sooner.
        var meanPatience = mood switch { Mood.Calm => 1200.0, Mood.Annoyed => 780.0, _ => 480.0 };
        var patience = TimeSpan.FromSeconds(30 - Math.Log(1 - random.Double()) * meanPatience);
        var disposition = random.Double() < NoResponseChance ? "no-response" : Disposition(random, team);
        if (!IsOpen(createdAt))
        {
            // Told the team is away and will answer by email, the customer closes the chat; the email is not part of it.
            return Abandoned(createdAt + patience);
        }
        var local = TimeZoneInfo.ConvertTime(createdAt, zone);
        var factor = HourLoad[local.Hour] * priority switch { 1 => 0.45, 2 => 0.75, 3 => 1.0, _ => 1.25 };
        var wait = TimeSpan.FromSeconds(Math.Clamp(MedianWait.TotalSeconds * factor * Math.Exp(0.7 * Gaussian(random)), 8, 50 * 60));
        var acceptedAt = createdAt + wait;
        var onDuty = Rota(acceptedAt, queue);
        if (wait > patience || onDuty.Count == 0 || acceptedAt >= horizon)
        {
            return Abandoned(createdAt + patience);
        }
        var agent = random.Weighted(onDuty, onDuty.Select(a => 1.0 + 0.2 * (a.Id % 3)).ToArray());
        (Agent, DateTimeOffset)? missed = null;
        if (onDuty.Count > 1 && random.Double() < RequeueChance && wait > options.AcceptTimeout + TimeSpan.FromSeconds(30))
        {
            var first = random.ArrayElement(onDuty.Where(a => a.Id != agent.Id).ToArray());
            missed = (first, acceptedAt - options.AcceptTimeout - TimeSpan.FromSeconds(random.Number(15, 30)));
        }
        var stays = disposition != "no-response";
        if (stays && disposition == "solved" && random.Double() < HandBackShareOfSolved)
        {
            disposition = Dispositions.HandedBack;
        }
        return new HandoffPlan(agent, acceptedAt, null, missed, disposition, stays, Rating(random, disposition, wait, mood, stays));
    }

    /// <summary>Agents on duty at <paramref name="at"/> who serve the queue (anyone on duty takes the general queue, and a queue nobody on duty serves).</summary>
    public IReadOnlyList<Agent> Rota(DateTimeOffset at, string queue)
    {
        if (!IsOpen(at)) return [];
        var day = TimeZoneInfo.ConvertTime(at, zone).Date;
        var dayNumber = (int)(day - DateTime.UnixEpoch).TotalDays;
        // Each agent works five days in seven, on a rota shifted by one day per agent.
        var onDuty = agents.Where((a, i) => (dayNumber + i) % 7 is not (0 or 1)).ToList();
        var skilled = onDuty.Where(a => queue == options.DefaultQueue || a.SkillList.Contains(queue, StringComparer.OrdinalIgnoreCase)).ToList();
        return skilled.Count > 0 ? skilled : onDuty;
    }

    public bool IsOpen(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return Hours(local.DayOfWeek) is { } range && TimeOnly.FromDateTime(local.DateTime) is var time && time >= range.From && time < range.To;
    }

    private (TimeOnly From, TimeOnly To)? Hours(DayOfWeek day)
    {
        if (!options.OpeningHours.TryGetValue(day, out var range)) return null;
        var parts = range.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && TimeOnly.TryParse(parts[0], out var from) && TimeOnly.TryParse(parts[1], out var to) ? (from, to) : null;
    }

    private static HandoffPlan Abandoned(DateTimeOffset at) => new(null, null, at, null, "", false, null);

    private static string Disposition(Randomizer random, string team)
    {
        var (dispositions, weights) = ByTeam.TryGetValue(team, out var mix) ? mix : ByTeam["general"];
        return random.Weighted(dispositions, weights);
    }

    private static int? Rating(Randomizer random, string disposition, TimeSpan wait, Mood mood, bool stays)
    {
        var answers = mood switch { Mood.Calm => 0.72, Mood.Annoyed => 0.62, _ => 0.5 };
        if (!stays || disposition == Dispositions.HandedBack || random.Double() >= answers) return null;
        double[] weights = disposition switch
        {
            "not-solved" => [0.3, 0.3, 0.25, 0.1, 0.05],
            "follow-up" => [0.05, 0.1, 0.2, 0.35, 0.3],
            _ => [0.03, 0.04, 0.1, 0.28, 0.55],
        };
        var stars = random.Weighted([1, 2, 3, 4, 5], weights);
        if ((wait > TimeSpan.FromMinutes(10) && random.Double() < 0.4) || (mood == Mood.Angry && random.Double() < 0.3)) stars--;
        return Math.Clamp(stars, 1, 5);
    }

    private static double Gaussian(Randomizer random)
    {
        // Box–Muller from the seeded sequence, so waits are log-normal and still deterministic.
        var u1 = 1.0 - random.Double();
        var u2 = random.Double();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

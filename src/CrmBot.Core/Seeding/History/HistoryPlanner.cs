using Bogus;
using CrmBot.Core.Customers;
using CrmBot.Core.Orders;

namespace CrmBot.Core.Seeding.History;

/// <summary>One past conversation as decided before a word of it is written: when, about what, who, in which mood.</summary>
internal sealed record ConversationPlan(int Index, int Seed, DateTimeOffset Start, Scenario Scenario, Mood Mood, string Channel, Customer? Customer, Order? Order);

/// <summary>
/// Decides when past conversations happened and what each was about. Volume follows a week's rhythm (Mondays busiest,
/// weekends quieter, a slow rise over the period, a few disrupted days when a courier failed and more customers
/// wrote in, crossly) and the hours of the day in the shop's time zone (lunchtime and evening peaks on weekdays, late
/// mornings at weekends). Conversations about an order are tied to an order in the right state at that moment; a
/// return or cancellation the order history records is the conversation in which the customer asked for it.
/// </summary>
internal sealed class HistoryPlanner(ShopSnapshot shop, TimeZoneInfo zone)
{
    private readonly Customer[] customers = [.. shop.Customers];

    public const string WebChat = "directline";
    public const string Teams = "msteams";

    // Relative volume by day of week, Sunday first.
    private static readonly double[] DayOfWeekVolume = [0.72, 1.2, 1.08, 1.02, 1.0, 0.98, 0.8];

    // Relative volume by local hour, 0..23.
    private static readonly double[] WeekdayHours =
        [0.15, 0.08, 0.04, 0.03, 0.03, 0.06, 0.2, 0.55, 1.0, 1.35, 1.45, 1.55, 1.9, 1.85, 1.5, 1.35, 1.3, 1.4, 1.6, 1.85, 1.95, 1.6, 1.0, 0.45];
    private static readonly double[] WeekendHours =
        [0.25, 0.12, 0.06, 0.04, 0.03, 0.04, 0.1, 0.3, 0.7, 1.2, 1.6, 1.75, 1.7, 1.55, 1.45, 1.4, 1.35, 1.3, 1.3, 1.45, 1.5, 1.3, 0.9, 0.5];

    private const double DisruptedDayChance = 0.04;
    private const double TeamsShare = 0.12;

    public IReadOnlyList<ConversationPlan> Plan(DateTimeOffset today, int days, int perDay, int seed)
    {
        var random = new Randomizer(seed);
        var usedEvents = new HashSet<int>();
        var drafts = new List<(DateTimeOffset Start, Scenario Scenario, Mood Mood, string Channel, Customer? Customer, Order? Order)>();
        var hours = Enumerable.Range(0, 24).ToArray();
        var scenarioWeights = Scenario.All.Select(s => s.Weight).ToArray();
        for (var day = days; day >= 1; day--)
        {
            var date = today.AddDays(-day);
            var localDate = TimeZoneInfo.ConvertTime(date, zone).Date;
            var disrupted = random.Double() < DisruptedDayChance;
            var trend = 0.9 + 0.2 * (days - day) / Math.Max(1, days - 1);
            var expected = perDay * DayOfWeekVolume[(int)localDate.DayOfWeek] / 0.9714 * trend * (disrupted ? 1.45 : 1) * random.Double(0.88, 1.12);
            var count = (int)Math.Round(expected);
            var weekend = localDate.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            for (var n = 0; n < count; n++)
            {
                var hour = random.Weighted(hours, weekend ? WeekendHours : WeekdayHours);
                var start = ToUtc(localDate.AddHours(hour).AddSeconds(random.Number(0, 3599)));
                var scenario = random.Weighted(Scenario.All, scenarioWeights);
                if (disrupted && random.Double() < 0.35)
                {
                    scenario = Scenario.Get(random.Bool(0.7f) ? "track_order" : "missing_parcel");
                }
                var mood = PickMood(random, scenario, disrupted);
                var (order, at) = scenario.NeedsOrder ? FindOrder(random, scenario, mood, start, localDate, usedEvents) : (null, start);
                if (scenario.NeedsOrder && order is null)
                {
                    scenario = random.Weighted(Scenario.WithoutOrder, Scenario.WithoutOrder.Select(s => s.Weight).ToArray());
                    mood = PickMood(random, scenario, disrupted: false);
                }
                var customer = order is not null
                    ? shop.CustomersById[order.CustomerId!.Value]
                    : random.Double() < scenario.SignedIn ? PickCustomer(random, at) : null;
                var channel = customer is not null && random.Double() < TeamsShare ? Teams : WebChat;
                drafts.Add((at, scenario, mood, channel, customer, order));
            }
        }
        return drafts.OrderBy(d => d.Start).Select((d, i) => new ConversationPlan(i, ConversationSeed(seed, i), d.Start, d.Scenario, d.Mood, d.Channel, d.Customer, d.Order)).ToList();
    }

    /// <summary>A seed of its own per conversation, so each conversation's words do not depend on how the others went.</summary>
    public static int ConversationSeed(int seed, int index) => unchecked(seed * 1_000_003 + index * 7_919 + 17);

    private static Mood PickMood(Randomizer random, Scenario scenario, bool disrupted)
    {
        var (calm, annoyed, angry) = (scenario.Calm, scenario.Annoyed, scenario.Angry);
        if (disrupted && scenario.Need is OrderNeed.InTransit or OrderNeed.JustDelivered)
        {
            (calm, annoyed, angry) = (calm * 0.5, annoyed * 1.4, angry * 1.8);
        }
        return random.Weighted([Mood.Calm, Mood.Annoyed, Mood.Angry], [calm, annoyed, angry]);
    }

    private Customer PickCustomer(Randomizer random, DateTimeOffset at)
    {
        for (var attempt = 0; ; attempt++)
        {
            var customer = random.ArrayElement(customers);
            if (customer.CreatedAt <= at || attempt >= 20) return customer;
        }
    }

    /// <summary>An order in the state the scenario needs at <paramref name="start"/>, and the chat's start (moved to the recorded event for anchored scenarios).</summary>
    private (Order? Order, DateTimeOffset Start) FindOrder(Randomizer random, Scenario scenario, Mood mood, DateTimeOffset start, DateTime localDate, HashSet<int> usedEvents) =>
        scenario.Need is OrderNeed.ReturnStarted or OrderNeed.Cancelled
            ? OrderWithEvent(random, scenario.Need, localDate, usedEvents) ?? (null, start)
            : (OrderInState(random, scenario.Need, mood, start), start);

    /// <summary>An order whose return or cancellation the history records on that day, not used by another chat yet, and a start just before it.</summary>
    private (Order? Order, DateTimeOffset Start)? OrderWithEvent(Randomizer random, OrderNeed need, DateTime localDate, HashSet<int> usedEvents)
    {
        var dayStart = ToUtc(localDate);
        var dayEnd = ToUtc(localDate.AddDays(1));
        var events = new List<(Order Order, DateTimeOffset At)>();
        foreach (var order in shop.PlacedBetween(dayStart.AddDays(-40), dayEnd))
        {
            var at = need == OrderNeed.Cancelled ? order.CancelledAt : order.ReturnRequestedAt;
            if (at is { } when && when >= dayStart && when < dayEnd && !usedEvents.Contains(order.Id)) events.Add((order, when));
        }
        if (events.Count == 0) return null;
        var (picked, eventAt) = random.ArrayElement(events.ToArray());
        usedEvents.Add(picked.Id);
        // The customer asked in a chat of a few minutes that ended as the order history records the change.
        return (picked, eventAt - TimeSpan.FromSeconds(random.Number(90, 420)));
    }

    private Order? OrderInState(Randomizer random, OrderNeed need, Mood mood, DateTimeOffset start)
    {
        var (from, to, fits) = Window(need, start);
        var candidates = new List<Order>();
        foreach (var order in shop.PlacedBetween(from, to))
        {
            if (fits(order)) candidates.Add(order);
        }
        if (candidates.Count == 0) return null;
        if (mood != Mood.Calm && need == OrderNeed.InTransit)
        {
            // Cross customers are mostly the ones whose order is late or has taken a while.
            var slow = candidates.Where(o => o.EstimatedDeliveryAt < start || start - o.PlacedAt > TimeSpan.FromDays(4)).ToList();
            if (slow.Count > 0) candidates = slow;
        }
        return random.Pick(candidates);
    }

    private static (DateTimeOffset From, DateTimeOffset To, Func<Order, bool> Fits) Window(OrderNeed need, DateTimeOffset at) => need switch
    {
        OrderNeed.InTransit => (at.AddDays(-14), at.AddHours(-2), o => OrderTimeline.StatusAt(o, at) is OrderStatus.Processing or OrderStatus.Shipped),
        OrderNeed.JustDelivered => (at.AddDays(-20), at.AddDays(-1), o => OrderTimeline.StatusAt(o, at) == OrderStatus.Delivered && at - o.DeliveredAt!.Value <= TimeSpan.FromDays(3)),
        OrderNeed.RefundPending => (at.AddDays(-70), at.AddDays(-4), o => OrderTimeline.StatusAt(o, at) == OrderStatus.Returned
            || (OrderTimeline.StatusAt(o, at) == OrderStatus.Refunded && at - o.RefundedAt!.Value <= TimeSpan.FromDays(6))),
        OrderNeed.JustShipped => (at.AddDays(-4), at.AddHours(-3), o => OrderTimeline.StatusAt(o, at) == OrderStatus.Shipped),
        OrderNeed.Delivered => (at.AddDays(-75), at.AddDays(-2), o => OrderTimeline.StatusAt(o, at) == OrderStatus.Delivered),
        OrderNeed.LongDelivered => (at.AddDays(-700), at.AddDays(-36), o => OrderTimeline.StatusAt(o, at) == OrderStatus.Delivered && at - o.DeliveredAt!.Value > TimeSpan.FromDays(35)),
        _ => throw new ArgumentOutOfRangeException(nameof(need), need, "This need is anchored to a recorded event."),
    };

    private DateTimeOffset ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // The hour the clocks skip in spring does not exist: such a chat started an hour later.
        if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }
}

namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// Names a segment from where its centre stands (<see cref="SegmentTraits"/>), in a marketer's words. The first rule
/// that matches wins. Rules read ranks, not cluster numbers, so a retrained model with similar clusters gets the same
/// names whatever order k-means found them in; two clusters that read alike share a name.
/// </summary>
public static class SegmentNaming
{
    /// <summary>A customer whose first order is at most this many days old can be new.</summary>
    public const double NewForDays = 180;

    public const string NoOrders = "No orders yet";
    public const string NewCustomers = "New customers";
    public const string LoyalHighSpenders = "Loyal high spenders";
    public const string AtRisk = "At risk — used to buy often";
    public const string LapsedBargainHunters = "Lapsed bargain hunters";
    public const string LapsedBigTicket = "Lapsed big-ticket buyers";
    public const string Regulars = "Regular shoppers";
    public const string OccasionalBigSpenders = "Occasional big spenders";
    public const string RecentOccasional = "Recent occasional buyers";
    public const string CoolingOff = "Cooling off";

    /// <summary>Every name a segment can get, in the order of the rules.</summary>
    public static readonly IReadOnlyList<string> All =
        [NoOrders, NewCustomers, LoyalHighSpenders, AtRisk, LapsedBargainHunters, LapsedBigTicket, Regulars, RecentOccasional, OccasionalBigSpenders, CoolingOff];

    public static string Name(SegmentTraits t) => t switch
    {
        // First bought within the last half year, bought lately, few orders so far: they have only just started.
        { FirstOrderDaysAgo: <= NewForDays, Recency: >= 0.5, Frequency: < 0.4 } => NewCustomers,
        { Recency: >= 0.45, Frequency: >= 0.65, Monetary: >= 0.65 } => LoyalHighSpenders,
        // Bought often, but not lately: the ones a win-back campaign is for.
        { Recency: < 0.35, Frequency: >= 0.5 } => AtRisk,
        { Recency: < 0.35, OrderValue: < 0.5 } => LapsedBargainHunters,
        { Recency: < 0.35 } => LapsedBigTicket,
        { Frequency: >= 0.5 } => Regulars,
        { Recency: >= 0.5 } => RecentOccasional,
        { OrderValue: >= 0.6 } => OccasionalBigSpenders,
        _ => CoolingOff,
    };
}

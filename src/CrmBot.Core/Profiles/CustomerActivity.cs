using CrmBot.Core.Customers;
using CrmBot.Intelligence.Profiles;

namespace CrmBot.Core.Profiles;

/// <summary>
/// What a customer had done by a date <see cref="AsOf"/>: orders that were not cancelled by then (count, first, last,
/// spend, how many in the last 90 and 365 days), cancellations, returns and refunds by then, and their contact with
/// support in the interaction window before it. Nothing after <see cref="AsOf"/> is in it, so a profile taken at a
/// past cut-off sees only what was known then.
/// </summary>
public sealed record CustomerActivity(
    int CustomerId, DateTimeOffset AsOf, CustomerTier Tier, DateTimeOffset CreatedAt, bool MarketingConsent,
    int Orders, DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt, decimal Spend, decimal Refunded,
    int Returns, int Cancellations, int OrdersLast90Days, int OrdersLast365Days,
    int Conversations, int Escalations, int Complaints, double MeanSentiment)
{
    /// <summary>Monetary value: spend on orders not cancelled, less what was refunded.</summary>
    public decimal NetSpend => Spend - Refunded;

    public decimal AverageOrderValue => Orders == 0 ? 0 : NetSpend / Orders;

    public double? RecencyDays => LastOrderAt is { } last ? (AsOf - last).TotalDays : null;

    public double? DaysSinceFirstOrder => FirstOrderAt is { } first ? (AsOf - first).TotalDays : null;

    /// <summary>The point segmentation clusters; null for a customer who has not ordered.</summary>
    public RfmPoint? Rfm => Orders == 0 ? null
        : new RfmPoint(RecencyDays!.Value, Orders, (double)NetSpend, (double)AverageOrderValue, DaysSinceFirstOrder!.Value);

    public ChurnFeatures Features(bool churned = false) => new()
    {
        RecencyDays = (float)(RecencyDays ?? Math.Max(0, (AsOf - CreatedAt).TotalDays)),
        Orders = Orders,
        NetSpend = (float)NetSpend,
        AverageOrderValue = (float)AverageOrderValue,
        DaysSinceFirstOrder = (float)(DaysSinceFirstOrder ?? 0),
        TenureDays = (float)Math.Max(0, (AsOf - CreatedAt).TotalDays),
        OrdersLast90Days = OrdersLast90Days,
        OrdersLast365Days = OrdersLast365Days,
        Returns = Returns,
        Cancellations = Cancellations,
        Conversations = Conversations,
        Escalations = Escalations,
        Complaints = Complaints,
        MeanSentiment = (float)MeanSentiment,
        Tier = (float)Tier,
        MarketingConsent = MarketingConsent ? 1 : 0,
        Label = churned,
    };
}

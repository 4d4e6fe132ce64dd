namespace CrmBot.Intelligence.Profiles;

/// <summary>
/// One customer as the churn model sees them at a date: order behaviour (recency, frequency, monetary value, trend),
/// how long they have been a customer, what went wrong (returns, cancellations) and their recent contact with support.
/// <see cref="Label"/> is true when the customer churned (only meaningful in training rows).
/// </summary>
public sealed class ChurnFeatures
{
    /// <summary>The numeric columns the model reads, in the order they are concatenated.</summary>
    public static readonly string[] Columns =
    [
        nameof(RecencyDays), nameof(Orders), nameof(NetSpend), nameof(AverageOrderValue), nameof(DaysSinceFirstOrder),
        nameof(TenureDays), nameof(OrdersLast90Days), nameof(OrdersLast365Days), nameof(Returns), nameof(Cancellations),
        nameof(Conversations), nameof(Escalations), nameof(Complaints), nameof(MeanSentiment), nameof(Tier), nameof(MarketingConsent),
    ];

    public float RecencyDays { get; set; }
    public float Orders { get; set; }
    public float NetSpend { get; set; }
    public float AverageOrderValue { get; set; }
    public float DaysSinceFirstOrder { get; set; }
    /// <summary>Days since the account was opened.</summary>
    public float TenureDays { get; set; }
    public float OrdersLast90Days { get; set; }
    public float OrdersLast365Days { get; set; }
    public float Returns { get; set; }
    public float Cancellations { get; set; }
    /// <summary>Conversations with support in the interaction window before the date.</summary>
    public float Conversations { get; set; }
    public float Escalations { get; set; }
    public float Complaints { get; set; }
    /// <summary>Mean conversation mood in [-1, 1] over the window; 0 without conversations.</summary>
    public float MeanSentiment { get; set; }
    /// <summary>0 Standard, 1 Silver, 2 Gold, 3 VIP.</summary>
    public float Tier { get; set; }
    public float MarketingConsent { get; set; }
    public bool Label { get; set; }
}

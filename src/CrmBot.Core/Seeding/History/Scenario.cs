namespace CrmBot.Core.Seeding.History;

/// <summary>How a customer feels when they start the chat; it picks their words and how they react to the bot.</summary>
internal enum Mood { Calm, Annoyed, Angry }

/// <summary>Which of the customer's orders a conversation is about, judged by the order's state at the time of the chat.</summary>
internal enum OrderNeed
{
    None,
    /// <summary>Placed, not delivered yet.</summary>
    InTransit,
    /// <summary>Marked delivered in the last three days.</summary>
    JustDelivered,
    /// <summary>The chat is the moment the customer started the return the order history records.</summary>
    ReturnStarted,
    /// <summary>Returned, refund on its way or paid in the last few days.</summary>
    RefundPending,
    /// <summary>The chat is the moment the customer cancelled the order, as the order history records.</summary>
    Cancelled,
    /// <summary>Shipped in the last days, too late to cancel.</summary>
    JustShipped,
    /// <summary>Delivered, in the last two and a half months.</summary>
    Delivered,
    /// <summary>Delivered more than five weeks ago: past returns, within warranty.</summary>
    LongDelivered,
}

/// <summary>
/// One kind of past conversation: what the customer came for, how often it happens, which order it is about and how
/// the customers who have it tend to feel. The weights give the demo its mix (order tracking the most common, as in
/// every shop's support statistics); the words are in history.yaml.
/// </summary>
internal sealed record Scenario(string Key, double Weight, OrderNeed Need, double Calm, double Annoyed, double Angry)
{
    /// <summary>Share of these conversations from customers who are signed in (the rest are anonymous visitors).</summary>
    public double SignedIn { get; init; } = 0.7;

    public bool NeedsOrder => Need != OrderNeed.None;

    public static readonly IReadOnlyList<Scenario> All =
    [
        new("track_order", 17, OrderNeed.InTransit, 0.73, 0.21, 0.06),
        new("missing_parcel", 4, OrderNeed.JustDelivered, 0.56, 0.32, 0.12),
        new("return_item", 5, OrderNeed.ReturnStarted, 0.68, 0.26, 0.06),
        new("track_refund", 5, OrderNeed.RefundPending, 0.66, 0.26, 0.08),
        new("cancel_order", 3, OrderNeed.Cancelled, 0.84, 0.14, 0.02),
        new("cancel_too_late", 2, OrderNeed.JustShipped, 0.71, 0.24, 0.05),
        new("get_invoice", 4, OrderNeed.Delivered, 0.92, 0.07, 0.01),
        new("warranty_claim", 3, OrderNeed.LongDelivered, 0.63, 0.31, 0.06),
        new("technical_support", 4, OrderNeed.LongDelivered, 0.72, 0.23, 0.05),
        new("delivery_options", 3, OrderNeed.None, 0.94, 0.05, 0.01) { SignedIn = 0.45 },
        new("delivery_period", 2.5, OrderNeed.None, 0.92, 0.07, 0.01) { SignedIn = 0.45 },
        new("check_refund_policy", 2.5, OrderNeed.None, 0.90, 0.08, 0.02) { SignedIn = 0.55 },
        new("check_payment_methods", 2, OrderNeed.None, 0.95, 0.04, 0.01) { SignedIn = 0.4 },
        new("check_cancellation_fee", 1, OrderNeed.None, 0.90, 0.08, 0.02) { SignedIn = 0.6 },
        new("warranty", 1.5, OrderNeed.None, 0.90, 0.08, 0.02) { SignedIn = 0.5 },
        new("place_order", 1, OrderNeed.None, 0.88, 0.09, 0.03) { SignedIn = 0.3 },
        new("create_account", 1, OrderNeed.None, 0.88, 0.09, 0.03) { SignedIn = 0.0 },
        new("newsletter_subscription", 0.8, OrderNeed.None, 0.75, 0.19, 0.06) { SignedIn = 0.6 },
        new("packaging_feedback", 0.5, OrderNeed.None, 0.76, 0.21, 0.03) { SignedIn = 0.7 },
        new("contact_customer_service", 1.2, OrderNeed.None, 0.84, 0.13, 0.03) { SignedIn = 0.5 },
        new("payment_issue", 4, OrderNeed.None, 0.71, 0.23, 0.06) { SignedIn = 0.8 },
        new("complaint", 2.5, OrderNeed.None, 0.45, 0.38, 0.17) { SignedIn = 0.85 },
        new("human_request", 2.5, OrderNeed.None, 0.72, 0.21, 0.07) { SignedIn = 0.75 },
        new("recover_password", 3, OrderNeed.None, 0.83, 0.14, 0.03) { SignedIn = 1.0 },
        new("out_of_scope", 3.5, OrderNeed.None, 0.88, 0.09, 0.03) { SignedIn = 0.35 },
        new("greeting", 2, OrderNeed.None, 0.96, 0.03, 0.01) { SignedIn = 0.5 },
        new("account_hacked", 0.7, OrderNeed.None, 0.56, 0.30, 0.14) { SignedIn = 0.9 },
    ];

    public static Scenario Get(string key) => All.First(s => s.Key == key);

    /// <summary>Scenarios that need no order: a conversation whose order scenario finds no fitting order becomes one of these.</summary>
    public static readonly IReadOnlyList<Scenario> WithoutOrder = All.Where(s => !s.NeedsOrder).ToList();
}

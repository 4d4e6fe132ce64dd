namespace CrmBot.Core.Profiles;

/// <summary>
/// Lifetime value = historical net spend + expected future value, where
/// expected future value = (1 − churn risk) × orders per year × average net order value × years ahead.
/// Orders per year are counted over the time since the first order, at least one year, so a new customer's single
/// order is not read as a habit. Without a churn risk (no model yet) the future term assumes they stay.
/// Simple on purpose: it ranks customers sensibly and every part can be shown to an agent.
/// </summary>
public static class LifetimeValue
{
    public static decimal Of(CustomerActivity activity, double? churnRisk, double yearsAhead)
    {
        var net = Math.Max(0, activity.NetSpend);
        if (activity.Orders == 0 || activity.DaysSinceFirstOrder is not { } days) return net;
        var ordersPerYear = activity.Orders / Math.Max(1, days / 365.25);
        var expected = (1 - (churnRisk ?? 0)) * ordersPerYear * (double)(net / activity.Orders) * yearsAhead;
        return Math.Round(net + (decimal)expected, 2);
    }
}

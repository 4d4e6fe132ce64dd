namespace CrmBot.Core.Customers;

public enum ChurnLevel { Low, Medium, High }

/// <summary>
/// Churn risk in words, one definition for everything that shows or acts on it: the agent console's profile and the
/// escalation priority (a high risk moves a customer one step up the queue).
/// </summary>
public static class ChurnRiskLevels
{
    /// <summary>At or above: high, more likely than not to place no order within the churn horizon.</summary>
    public const double High = 0.6;

    /// <summary>At or above (and below <see cref="High"/>): medium.</summary>
    public const double Medium = 0.3;

    public static ChurnLevel? Of(double? risk) => risk switch
    {
        null => null,
        >= High => ChurnLevel.High,
        >= Medium => ChurnLevel.Medium,
        _ => ChurnLevel.Low,
    };
}

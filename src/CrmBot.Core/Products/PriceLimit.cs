using System.Globalization;

namespace CrmBot.Core.Products;

public enum PriceLimitKind { Under, Around, Between }

/// <summary>
/// A budget read from a request: the most the customer will pay (never exceeded) and, for "around" and "between",
/// the least that still counts as what they asked for. <see cref="Symbol"/> is the currency as they wrote it.
/// </summary>
public sealed record PriceLimit(PriceLimitKind Kind, decimal Amount, decimal? UpTo = null, string Symbol = "£")
{
    /// <summary>"About £200" means roughly ±20 %.</summary>
    public const decimal AroundTolerance = 0.2m;

    public decimal Max => Kind switch
    {
        PriceLimitKind.Around => Math.Round(Amount * (1 + AroundTolerance), 2),
        PriceLimitKind.Between => UpTo ?? Amount,
        _ => Amount,
    };

    public decimal? Min => Kind switch
    {
        PriceLimitKind.Around => Math.Round(Amount * (1 - AroundTolerance), 2),
        PriceLimitKind.Between => Amount,
        _ => null,
    };

    /// <summary>Our prices are in pounds; an amount in another currency is read as pounds and the reply says so.</summary>
    public bool IsPounds => Symbol == "£";

    public bool Fits(decimal price) => price <= Max;

    public bool InRange(decimal price) => price <= Max && (Min is not { } min || price >= min);

    /// <summary>"under £400", "around £1,200", "between £100 and £200".</summary>
    public string Describe() => Kind switch
    {
        PriceLimitKind.Around => "around " + Money(Amount),
        PriceLimitKind.Between => $"between {Money(Amount)} and {Money(UpTo ?? Amount)}",
        _ => "under " + Money(Amount),
    };

    /// <summary>Why a product within this budget fits it: "Under your £400 budget", "Around your £1,200 budget".</summary>
    public string Reason(decimal price) => Kind switch
    {
        PriceLimitKind.Around when InRange(price) => $"Around your {Money(Amount)} budget",
        PriceLimitKind.Between when InRange(price) => $"In your {Money(Amount)}–{Money(UpTo ?? Amount)} range",
        PriceLimitKind.Between => $"Under your {Money(UpTo ?? Amount)} budget",
        _ => $"Under your {Money(Amount)} budget",
    };

    /// <summary>An amount in the customer's currency, whole amounts without pence: "£400", "£19.99", "$250".</summary>
    public string Money(decimal amount) =>
        Symbol + amount.ToString(amount == decimal.Truncate(amount) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);
}

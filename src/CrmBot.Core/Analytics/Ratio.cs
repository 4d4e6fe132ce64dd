namespace CrmBot.Core.Analytics;

/// <summary>Parts of a whole, as the figures report them.</summary>
internal static class Ratio
{
    /// <summary>A share of a list of things (0 when the list is empty: no negative message among none).</summary>
    public static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    /// <summary>A rate over the period (unknown when nothing happened: no containment rate without conversations).</summary>
    public static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

using System.Globalization;

namespace CrmBot.Core.Messages;

/// <summary>How money and dates read in replies (UK style, independent of the server's culture).</summary>
public static class Formats
{
    public static string Money(decimal amount) => "£" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset when) => when.ToString("dddd d MMMM", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset when) => when.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"j***@example.com": enough for the customer to recognise, useless to anyone else.</summary>
    public static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }
}

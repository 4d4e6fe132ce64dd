using System.Text.RegularExpressions;
using CrmBot.Core.Customers;

namespace CrmBot.Core.Importing;

/// <summary>
/// Email addresses from a file: repaired where the intent is plain ("mailto:", angle brackets, a display name, a
/// trailing dot or comma), lower-cased as every stored address is (<see cref="Customer.NormalizeEmail"/>), then
/// checked: one @, a local part of at most 64 characters, a domain of labels with a dot and a top-level domain of
/// letters, no spaces, at most 254 characters (RFC 5321). Typos in domains are not guessed. Pure and thread-safe.
/// </summary>
public static partial class ImportEmail
{
    public const int MaxLength = 254;

    /// <summary>The normalised address, or null with the reason it cannot be one.</summary>
    public static string? Normalize(string cleaned, out string? reason)
    {
        reason = null;
        var text = cleaned.Trim();
        if (DisplayName().Match(text) is { Success: true } named)
        {
            text = named.Groups["address"].Value;
        }
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["mailto:".Length..];
        }
        text = Customer.NormalizeEmail(text.Trim('<', '>', ' ').TrimEnd('.', ',', ';'));
        if (text.Length == 0)
        {
            reason = "empty";
            return null;
        }
        if (text.Length > MaxLength)
        {
            reason = $"longer than {MaxLength} characters";
            return null;
        }
        if (!Address().IsMatch(text) || text.Contains("..", StringComparison.Ordinal))
        {
            reason = "not an email address";
            return null;
        }
        if (text.IndexOf('@') > 64)
        {
            reason = "the part before @ is longer than 64 characters";
            return null;
        }
        return text;
    }

    [GeneratedRegex(@"^[^<>]*<(?<address>[^<>]+)>$", RegexOptions.CultureInvariant)]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}

namespace CrmBot.Core.Importing;

/// <summary>
/// Phone numbers to E.164 ("+447700900123") where the country is known: a leading + or 00 gives it, a UK national
/// number (0 and ten more digits) and 44 followed by ten digits are British, and "+44 (0)20…" drops the trunk 0. A
/// number with no country code that is not a UK one is kept as its digits with a warning, since the country cannot
/// be told. Extensions ("x123", "ext. 4") are not part of E.164 and are dropped with a warning. Pure and thread-safe.
/// </summary>
public static class ImportPhone
{
    /// <summary>The number, or null with the reason; <paramref name="warning"/> when it was kept with a change the customer should know of.</summary>
    public static string? Normalize(string cleaned, out string? reason, out string? warning)
    {
        reason = null;
        warning = null;
        var text = cleaned.Trim();
        int extension = IndexOfExtension(text);
        if (extension >= 0)
        {
            text = text[..extension];
            warning = "extension dropped";
        }
        text = text.Replace("(0)", "", StringComparison.Ordinal);
        bool plus = text.StartsWith('+');
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var other = text.Where(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')' or '/' or '+'));
        if (other.Any() || text.Count(c => c == '+') > 1 || (text.Contains('+') && !plus))
        {
            reason = "not a phone number";
            return null;
        }
        if (!plus && digits.StartsWith("00", StringComparison.Ordinal))
        {
            plus = true;
            digits = digits[2..];
        }
        if (plus)
        {
            if (digits.StartsWith("440", StringComparison.Ordinal) && digits.Length == 13)
            {
                digits = "44" + digits[3..];
            }
            if (digits.Length is < 8 or > 15 || digits[0] == '0')
            {
                reason = "not a valid international number";
                return null;
            }
            return "+" + digits;
        }
        if (digits.Length == 11 && digits[0] == '0' && digits[1] != '0')
        {
            return "+44" + digits[1..];
        }
        if (digits.Length == 12 && digits.StartsWith("44", StringComparison.Ordinal) && digits[2] != '0')
        {
            return "+" + digits;
        }
        if (digits.Length is >= 7 and <= 15)
        {
            warning = warning is null ? "no country code; kept as given" : warning + "; no country code; kept as given";
            return digits;
        }
        reason = digits.Length < 7 ? "too short for a phone number" : "too long for a phone number";
        return null;
    }

    private static int IndexOfExtension(string text)
    {
        foreach (var marker in new[] { "ext.", "ext", "x", "#" })
        {
            int at = text.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at > 0 && text[(at + marker.Length)..].Trim().All(char.IsAsciiDigit) && text[(at + marker.Length)..].Trim().Length is > 0 and <= 6)
            {
                return at;
            }
        }
        return -1;
    }
}

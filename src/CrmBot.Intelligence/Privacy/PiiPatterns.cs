using System.Text.RegularExpressions;

namespace CrmBot.Intelligence.Privacy;

/// <summary>Patterns for personal data, shared by the entity extractor and the redactor so both agree on what a phone or card number is.</summary>
internal static partial class PiiPatterns
{
    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant)]
    public static partial Regex Email();

    // 13–19 digits, optionally grouped by spaces or dashes; a Luhn check (below) separates card numbers from other long numbers.
    [GeneratedRegex(@"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)", RegexOptions.CultureInvariant)]
    public static partial Regex CardCandidate();

    // UK numbers (07xxx xxxxxx, 0161 496 0000, +44 7700 900123) and other international numbers written with a +.
    [GeneratedRegex(@"(?<![\w+])(?:\+44\s?\(?0?\)?\s?\d{2,4}|\(?0\d{2,4}\)?)[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)|(?<![\w+])\+(?:[1-9]\d{0,2})[\s-]?\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)", RegexOptions.CultureInvariant)]
    public static partial Regex Phone();

    public static bool PassesLuhn(ReadOnlySpan<char> text)
    {
        int sum = 0, count = 0;
        bool doubleIt = false;
        for (int i = text.Length - 1; i >= 0; i--)
        {
            char c = text[i];
            if (c is ' ' or '-')
            {
                continue;
            }
            int d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
            count++;
            doubleIt = !doubleIt;
        }
        return count is >= 13 and <= 19 && sum % 10 == 0;
    }
}

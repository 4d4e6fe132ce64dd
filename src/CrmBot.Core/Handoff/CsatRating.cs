using System.Text.RegularExpressions;

namespace CrmBot.Core.Handoff;

/// <summary>Reads a 1–5 satisfaction answer: "4", "5/5", "3 stars", "⭐⭐⭐⭐", or the suggested-action buttons.</summary>
public static partial class CsatRating
{
    public static readonly IReadOnlyList<string> Choices = ["1", "2", "3", "4", "5"];

    public static bool TryParse(string? text, out int rating)
    {
        rating = 0;
        var value = text?.Trim() ?? "";
        var match = Numeric().Match(value);
        if (match.Success)
        {
            rating = match.Groups[1].ValueSpan[0] - '0';
            return true;
        }
        int stars = value.Length > 0 && value.Replace("⭐", "").Replace("★", "").Trim().Length == 0
            ? value.Count(c => c == '★') + CountOf(value, "⭐")
            : 0;
        if (stars is >= 1 and <= 5)
        {
            rating = stars;
            return true;
        }
        return false;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [GeneratedRegex(@"^([1-5])\s*(?:/\s*5|out of 5|stars?|★|⭐)?\s*[.!]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();
}

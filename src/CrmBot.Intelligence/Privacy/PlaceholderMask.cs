using System.Text;
using System.Text.RegularExpressions;

namespace CrmBot.Intelligence.Privacy;

/// <summary>
/// Replaces personal data in text with numbered placeholders (<c>[CUSTOMER_NAME_1]</c>, <c>[EMAIL_1]</c>…) before the
/// text leaves the process, and puts the real values back into what comes back. Known values (the verified customer's
/// name, address, postcode) are masked wherever they appear; emails, phone numbers, card numbers and order numbers
/// are found by pattern. The same value always gets the same placeholder, so a model can still tell "the same order"
/// from "another order". One instance per exchange with a model; not thread-safe.
/// </summary>
public sealed partial class PlaceholderMask
{
    public const string CustomerName = "CUSTOMER_NAME";
    public const string Email = "EMAIL";
    public const string Phone = "PHONE";
    public const string Address = "ADDRESS";
    public const string Postcode = "POSTCODE";
    public const string OrderNumber = "ORDER_NUMBER";
    public const string CardNumber = "CARD_NUMBER";

    private readonly List<(string Value, string Kind)> _known = [];
    private readonly Dictionary<string, string> _placeholderOf = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _valueOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>How many distinct values were masked so far.</summary>
    public int Count => _valueOf.Count;

    /// <summary>A value to mask wherever it appears, as a whole word, whatever its case (names, address lines).</summary>
    public PlaceholderMask Know(string kind, string? value)
    {
        // One- and two-letter values ("Al", "Jo") would mask ordinary words.
        if (value is { } v && v.Trim().Length >= 3)
        {
            _known.Add((v.Trim(), kind));
            _known.Sort((a, b) => b.Value.Length.CompareTo(a.Value.Length));
        }
        return this;
    }

    public string Mask(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        foreach (var (value, kind) in _known)
        {
            text = Regex.Replace(text, @"(?<!\w)" + Regex.Escape(value) + @"(?!\w)", _ => PlaceholderFor(kind, value),
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
        text = PiiPatterns.Email().Replace(text, m => PlaceholderFor(Email, m.Value));
        text = PiiPatterns.CardCandidate().Replace(text, m => PiiPatterns.PassesLuhn(m.Value) ? PlaceholderFor(CardNumber, m.Value) : m.Value);
        text = Order().Replace(text, m => PlaceholderFor(OrderNumber, m.Value.ToUpperInvariant()));
        text = PiiPatterns.Phone().Replace(text, m => PlaceholderFor(Phone, m.Value));
        return text;
    }

    /// <summary>Puts the real values back; placeholders the mask never gave out stay as they are.</summary>
    public string Restore(string text) =>
        string.IsNullOrEmpty(text) || _valueOf.Count == 0 ? text
            : Placeholder().Replace(text, m => _valueOf.TryGetValue(m.Value, out var value) ? value : m.Value);

    private string PlaceholderFor(string kind, string value)
    {
        if (_placeholderOf.TryGetValue(value, out var existing))
        {
            return existing;
        }
        int n = _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        var placeholder = new StringBuilder().Append('[').Append(kind).Append('_').Append(n).Append(']').ToString();
        _placeholderOf[value] = placeholder;
        _valueOf[placeholder] = value;
        return placeholder;
    }

    // The shop's order numbers (BW-123456): with the email they prove who a customer is, so they count as personal.
    [GeneratedRegex(@"(?<![\w-])BW-?\d{6}(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Order();

    [GeneratedRegex(@"\[[A-Z_]+_\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

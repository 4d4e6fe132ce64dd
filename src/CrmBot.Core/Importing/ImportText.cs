using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CrmBot.Core.Importing;

/// <summary>
/// The first pass over every imported cell: what no field may keep, whatever it holds. Pure and thread-safe.
/// </summary>
public static partial class ImportText
{
    /// <summary>
    /// Trims, turns tabs and line breaks into spaces and collapses runs of spaces, drops control and invisible format
    /// characters (zero-width spaces, byte-order marks, right-to-left overrides that make "gpj.exe" read as "exe.jpg"),
    /// and composes accents (NFC). <paramref name="stripped"/> says whether anything other than spacing was removed.
    /// </summary>
    public static string Clean(string? raw, out bool stripped)
    {
        stripped = false;
        if (string.IsNullOrEmpty(raw))
        {
            return "";
        }
        var text = new StringBuilder(raw.Length);
        bool space = false;
        foreach (char c in raw)
        {
            if (c is '\t' or '\r' or '\n' || char.IsWhiteSpace(c))
            {
                space = text.Length > 0;
                continue;
            }
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                stripped = true;
                continue;
            }
            if (space)
            {
                text.Append(' ');
                space = false;
            }
            text.Append(c);
        }
        return LatinComposition.ToNfc(text.ToString());
    }

    /// <summary>
    /// Whether a text cell would run as a formula in a spreadsheet that opens a later export (OWASP "CSV injection"):
    /// a leading = or @, or + or - followed by something that is not a number. Phone numbers (+44…) and amounts (-5)
    /// are not formulas.
    /// </summary>
    public static bool LooksLikeFormula(string text) =>
        text.Length > 0 && (text[0] is '=' or '@' || (text[0] is '+' or '-' && text.Length > 1 && !PlainNumber().IsMatch(text)));

    /// <summary>
    /// A text field with its formula trigger removed: "=HYPERLINK(…)" has no plain reading and is refused by the caller
    /// (<see cref="FunctionCall"/>); a stray leading "=", "@", "+" or "-" in front of a name or street is dropped.
    /// </summary>
    public static string WithoutFormulaPrefix(string text) => text.TrimStart('=', '@', '+', '-', ' ');

    /// <summary>A spreadsheet function call after a trigger character: "=HYPERLINK(", "@SUM(", "+cmd|".</summary>
    public static bool IsFunctionCall(string text) => FunctionCall().IsMatch(text) || DynamicDataExchange().IsMatch(text);

    /// <summary>A signed number as people write one: "+44 20 7946 0018", "-5", "-12.50".</summary>
    [GeneratedRegex(@"^[+\-][\d\s().,]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    /// <summary>The DDE payload of CSV injection, "-2+3+cmd|' /C calc'!A0", whatever it starts with.</summary>
    [GeneratedRegex(@"[A-Za-z]\w*\s*\|\s*'[^']*'\s*!", RegexOptions.CultureInvariant)]
    private static partial Regex DynamicDataExchange();

    [GeneratedRegex(@"^[=+\-@]+\s*[A-Za-z][A-Za-z0-9_.]*\s*[(|!]", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionCall();
}

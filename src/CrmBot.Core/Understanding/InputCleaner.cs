using System.Globalization;
using System.Text;

namespace CrmBot.Core.Understanding;

/// <summary>Makes raw channel text safe to understand and store: control characters out, whitespace collapsed, length capped.</summary>
public static class InputCleaner
{
    public const string Truncated = "truncated";
    public const string ControlCharacters = "control-characters";

    public static CleanInput Clean(string? raw, int maxLength)
    {
        var flags = new List<string>();
        var sb = new StringBuilder((raw ?? "").Length);
        bool lastWasSpace = false;
        foreach (var rune in (raw ?? "").EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                && !IsAllowedFormat(rune))
            {
                if (rune.Value is '\n' or '\r' or '\t')
                {
                    AppendSpace();
                }
                else if (!flags.Contains(ControlCharacters))
                {
                    flags.Add(ControlCharacters);
                }
                continue;
            }
            if (Rune.IsWhiteSpace(rune))
            {
                AppendSpace();
                continue;
            }
            sb.Append(rune.ToString());
            lastWasSpace = false;
        }
        var text = sb.ToString().Trim();
        if (text.Length > maxLength)
        {
            // Cut on a rune boundary so an emoji is never split into half a surrogate pair.
            int cut = maxLength;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }
            text = text[..cut];
            flags.Add(Truncated);
        }
        return new CleanInput(text, flags);

        void AppendSpace()
        {
            if (!lastWasSpace)
            {
                sb.Append(' ');
                lastWasSpace = true;
            }
        }
    }

    // Zero-width joiners and variation selectors hold emoji sequences together (👩‍💻, ❤️); they are harmless.
    private static bool IsAllowedFormat(Rune rune) => rune.Value is 0x200D or 0xFE0F or 0xFE0E;
}

public sealed record CleanInput(string Text, IReadOnlyList<string> Flags);

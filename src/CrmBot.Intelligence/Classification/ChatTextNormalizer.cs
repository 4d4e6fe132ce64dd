using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CrmBot.Intelligence.Classification;

/// <summary>
/// Turns chat text into the space-separated tokens the models learn from, so that surface noise
/// (casing, accents, order numbers, links, stretched letters) does not split one word into many features
/// while the signals that carry meaning in chat (emoji, emoticons, "!"/"?", shouting) survive as tokens.
/// Pure and thread-safe.
/// </summary>
public static partial class ChatTextNormalizer
{
    /// <summary>Replaces a run of one or two digits ("2 weeks", "the 3rd").</summary>
    public const string ShortNumberToken = "0";

    /// <summary>Replaces a run of three or more digits: order numbers, phone numbers, years.</summary>
    public const string LongNumberToken = "000";

    public const string UrlToken = "url";
    public const string EmailToken = "email";
    public const string MentionToken = "@user";

    /// <summary>Added once at the end of a message with a shouted word (four or more letters, all capitals): shouting is a sentiment signal.</summary>
    public const string ShoutToken = "allcaps";

    /// <summary>Prefix of the words that follow a negation when negation marking is on ("not happy" → "not neg_happy").</summary>
    public const string NegatedPrefix = "neg_";

    private const int NegationScope = 3;

    private static readonly (string Emoticon, string Emoji)[] Emoticons =
    [
        (":'(", "😢"), (":-)", "🙂"), (":-(", "🙁"), (":-D", "😀"), (";-)", "😉"), (":-/", "😕"), (":-P", "😛"),
        (":)", "🙂"), (":(", "🙁"), (":D", "😀"), (";)", "😉"), (":/", "😕"), (":P", "😛"), (":p", "😛"),
        (":|", "😐"), ("=)", "🙂"), ("=(", "🙁"), ("<3", "❤"), (":o", "😮"), (":O", "😮"),
    ];

    private static readonly HashSet<string> Negations =
    [
        "not", "no", "never", "nothing", "nobody", "none", "nor", "neither", "without", "cannot", "cant",
        "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "couldnt", "shouldnt",
        "havent", "hasnt", "hadnt", "aint", "hardly", "barely",
    ];

    /// <summary>Normalizes <paramref name="text"/>; <paramref name="markNegation"/> prefixes the three words after a negation.</summary>
    public static string Normalize(string? text, bool markNegation = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        if (text.Contains("{{", StringComparison.Ordinal))
        {
            text = PlaceholderPattern().Replace(text, m => " {" + PlaceholderName(m.Groups[1].Value) + "} ");
        }

        var writer = new TokenWriter(markNegation);
        foreach (var chunk in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            WriteChunk(chunk, ref writer);
        }

        if (writer.Shouted)
        {
            writer.Emit(ShoutToken);
        }

        return writer.ToString();
    }

    private static void WriteChunk(string chunk, ref TokenWriter writer)
    {
        if (chunk.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || chunk.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || chunk.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            writer.Emit(UrlToken);
            return;
        }

        if (chunk.Length > 1 && chunk[0] == '@' && IsWordChar(chunk[1]))
        {
            writer.Emit(MentionToken);
            var end = 1;
            while (end < chunk.Length && IsWordChar(chunk[end]))
            {
                end++;
            }

            chunk = chunk[end..];
        }
        else if (chunk.Contains('@') && EmailPattern().IsMatch(chunk))
        {
            writer.Emit(EmailToken);
            return;
        }

        if (chunk.Length > 2 && chunk[0] == '{' && chunk[^1] == '}' && chunk.AsSpan(1, chunk.Length - 2).IndexOfAny("{} ") < 0)
        {
            writer.Emit(chunk);
            return;
        }

        var word = new StringBuilder();
        var capitals = 0;
        var i = 0;
        while (i < chunk.Length)
        {
            var c = chunk[i];
            if (char.IsLetter(c))
            {
                if (char.IsUpper(c))
                {
                    capitals++;
                }

                word.Append(FoldAccent(char.ToLowerInvariant(c)));
                i++;
                continue;
            }

            if ((c == '\'' || c == '’') && word.Length > 0 && i + 1 < chunk.Length && char.IsLetter(chunk[i + 1]))
            {
                i++;
                continue;
            }

            if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark && word.Length > 0)
            {
                i++;
                continue;
            }

            FlushWord(word, ref capitals, ref writer);
            if (char.IsDigit(c))
            {
                var start = i;
                while (i < chunk.Length && char.IsDigit(chunk[i]))
                {
                    i++;
                }

                writer.Emit(i - start <= 2 ? ShortNumberToken : LongNumberToken);
                continue;
            }

            if (c is '!' or '?')
            {
                var start = i;
                while (i < chunk.Length && chunk[i] == c)
                {
                    i++;
                }

                writer.Emit(i - start == 1 ? (c == '!' ? "!" : "?") : (c == '!' ? "!!" : "??"));
                continue;
            }

            if (TryMatchEmoticon(chunk, i, out var emoticonLength, out var emoji))
            {
                writer.Emit(emoji);
                i += emoticonLength;
                continue;
            }

            if (c is '.' or ',' or ';' or ':')
            {
                writer.EndClause();
                i++;
                continue;
            }

            // A lone surrogate decodes as U+FFFD (a symbol we drop) instead of throwing.
            Rune.DecodeFromUtf16(chunk.AsSpan(i), out var rune, out var consumed);
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.CurrencySymbol && rune.Value != 0xFFFD)
            {
                writer.Emit(rune.ToString());
            }

            // Everything else (other punctuation, skin-tone modifiers, variation selectors, joiners) separates words.
            i += consumed;
        }

        FlushWord(word, ref capitals, ref writer);
    }

    private static void FlushWord(StringBuilder word, ref int capitals, ref TokenWriter writer)
    {
        if (word.Length == 0)
        {
            return;
        }

        if (capitals == word.Length && capitals >= 4)
        {
            writer.Shouted = true;
        }

        writer.EmitWord(CollapseRepeats(word));
        word.Clear();
        capitals = 0;
    }

    /// <summary>"soooo" and "sooo" become "soo": stretched words map to one feature, still distinct from "so".</summary>
    private static string CollapseRepeats(StringBuilder word)
    {
        var result = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            if (i >= 2 && word[i] == word[i - 1] && word[i] == word[i - 2])
            {
                continue;
            }

            result.Append(word[i]);
        }

        return result.ToString();
    }

    private static bool TryMatchEmoticon(string chunk, int index, out int length, out string emoji)
    {
        foreach (var (emoticon, mapped) in Emoticons)
        {
            if (string.CompareOrdinal(chunk, index, emoticon, 0, emoticon.Length) == 0)
            {
                var next = index + emoticon.Length;
                if (next >= chunk.Length || !char.IsLetterOrDigit(chunk[next]))
                {
                    length = emoticon.Length;
                    emoji = mapped;
                    return true;
                }
            }
        }

        length = 0;
        emoji = string.Empty;
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static string PlaceholderName(string raw)
    {
        var name = new StringBuilder(raw.Length);
        foreach (var c in raw.Trim())
        {
            name.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return name.ToString();
    }

    /// <summary>Folds accented Latin letters to their base letter (string.Normalize is unavailable in invariant globalization mode).</summary>
    private static char FoldAccent(char c) => c switch
    {
        < 'à' => c,
        'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'ā' or 'ă' or 'ą' => 'a',
        'ç' or 'ć' or 'ĉ' or 'č' => 'c',
        'è' or 'é' or 'ê' or 'ë' or 'ē' or 'ė' or 'ę' or 'ě' => 'e',
        'ì' or 'í' or 'î' or 'ï' or 'ī' or 'į' or 'ı' => 'i',
        'ñ' or 'ń' or 'ň' => 'n',
        'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' or 'ō' or 'ő' => 'o',
        'ù' or 'ú' or 'û' or 'ü' or 'ū' or 'ů' or 'ű' => 'u',
        'ý' or 'ÿ' => 'y',
        'ś' or 'š' or 'ş' => 's',
        'ź' or 'ż' or 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ğ' => 'g',
        'ď' => 'd',
        'ť' => 't',
        _ => c,
    };

    [GeneratedRegex(@"\{\{\s*([^{}]+?)\s*\}\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex EmailPattern();
}

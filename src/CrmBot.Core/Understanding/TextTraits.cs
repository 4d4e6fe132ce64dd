using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CrmBot.Core.Understanding;

/// <summary>Cheap checks on a message before the models see it: emoji-only, and whether it is English.</summary>
public static partial class TextTraits
{
    private static readonly HashSet<string> ForeignWords = new(StringComparer.OrdinalIgnoreCase)
    {
        // Spanish, French, German, Italian, Portuguese, Dutch function words that English rarely uses.
        "el", "los", "las", "que", "por", "para", "pero", "dónde", "donde", "está", "mi", "pedido", "hola", "gracias",
        "je", "vous", "les", "est", "mais", "avec", "mon", "ma", "où", "commande", "bonjour", "merci", "pourquoi",
        "der", "die", "das", "und", "ist", "nicht", "ich", "mein", "meine", "wo", "bestellung", "danke", "warum",
        "il", "della", "sono", "ordine", "grazie", "ciao", "dove", "não", "obrigado", "onde", "minha", "het", "een", "waar",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "my", "is", "where", "what", "i", "you", "order", "and", "to", "a", "it", "of", "for", "can", "how", "please", "me", "not",
    };

    public static bool IsEmojiOnly(string text)
    {
        bool any = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || rune.Value is 0x200D or 0xFE0F)
            {
                continue;
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is not (UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.MathSymbol) && rune.Value < 0x1F000)
            {
                return false;
            }
            any = true;
        }
        return any;
    }

    /// <summary>True when the message is clearly not English: mostly non-Latin letters, or several foreign function words and no English ones.</summary>
    public static bool LooksForeign(string text)
    {
        int letters = 0, latin = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                letters++;
                if (rune.Value < 0x250)
                {
                    latin++;
                }
            }
        }
        if (letters >= 3 && latin < letters / 2)
        {
            return true;
        }
        var words = Word().Matches(text).Select(m => m.Value).ToList();
        int foreign = words.Count(ForeignWords.Contains);
        int english = words.Count(EnglishWords.Contains);
        return foreign >= 2 && english == 0;
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}

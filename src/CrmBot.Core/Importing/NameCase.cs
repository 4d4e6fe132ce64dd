using System.Text;

namespace CrmBot.Core.Importing;

/// <summary>
/// Names in the case people write them. A name typed in mixed case ("McDonald", "van der Berg", "DeVito") is the
/// customer's own spelling and is kept. Only a name in all capitals or all small letters is recased: each part after a
/// space, hyphen or apostrophe gets a capital ("SMITH-JONES" → "Smith-Jones", "o'neill" → "O'Neill"), "Mc" keeps the
/// next letter capital ("MCDONALD" → "McDonald"; "Mac" does not, since Mack and Macey are names of their own), and the
/// particles van, von, der, den, de, du, da, di, del, della, la, le, ter, ten, bin, al stay small unless they open
/// the full name. Pure and thread-safe.
/// </summary>
public static class NameCase
{
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "van", "von", "der", "den", "de", "du", "da", "di", "del", "della", "la", "le", "ter", "ten", "bin", "al",
    };

    /// <param name="name">A cleaned name (<see cref="ImportText.Clean"/>).</param>
    /// <param name="opensFullName">Whether this is the first name, so a particle that starts it is capitalised ("De Souza" as a first name is unusual, but "Van" as a given name is not).</param>
    public static string Apply(string name, bool opensFullName)
    {
        bool anyUpper = name.Any(char.IsUpper), anyLower = name.Any(char.IsLower);
        if (anyUpper && anyLower)
        {
            return name;
        }
        var words = name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            bool first = i == 0 && opensFullName;
            bool last = i == words.Length - 1;
            words[i] = Particles.Contains(words[i]) && !first && !last ? words[i] : Word(words[i]);
        }
        return string.Join(' ', words);
    }

    private static string Word(string word)
    {
        var result = new StringBuilder(word.Length);
        bool capital = true;
        for (int i = 0; i < word.Length; i++)
        {
            char c = word[i];
            result.Append(capital ? char.ToUpperInvariant(c) : c);
            capital = c is '-' or '\'' or '’';
            // "Mc" + a letter: McDonald, McAllister.
            if (i == 1 && result.Length == 2 && result[0] == 'M' && c == 'c' && word.Length > 3)
            {
                capital = true;
            }
        }
        return result.ToString();
    }
}

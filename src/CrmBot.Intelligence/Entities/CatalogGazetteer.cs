using System.Text.RegularExpressions;

namespace CrmBot.Intelligence.Entities;

/// <summary>
/// Phrases that name catalogue things (product names, category words), matched on whole lowercase words, longest match first.
/// Immutable once built, so one instance is shared by all turns.
/// </summary>
public sealed partial class CatalogGazetteer
{
    private readonly Dictionary<string, List<(string[] Tokens, string Type, string Value)>> _byFirstToken = new(StringComparer.Ordinal);

    public static CatalogGazetteer Empty { get; } = new([]);

    public CatalogGazetteer(IEnumerable<GazetteerEntry> entries)
    {
        foreach (var entry in entries)
        {
            var tokens = Tokenize(entry.Phrase).Select(t => t.Text).ToArray();
            if (tokens.Length == 0)
            {
                continue;
            }
            if (!_byFirstToken.TryGetValue(tokens[0], out var list))
            {
                _byFirstToken[tokens[0]] = list = [];
            }
            if (!list.Any(e => e.Tokens.SequenceEqual(tokens)))
            {
                list.Add((tokens, entry.Type, entry.Value));
            }
        }
        foreach (var list in _byFirstToken.Values)
        {
            list.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
        }
    }

    internal IEnumerable<Entity> Find(string text)
    {
        var tokens = Tokenize(text);
        int i = 0;
        while (i < tokens.Count)
        {
            int matched = 0;
            foreach (var candidates in Candidates(tokens[i].Text))
            {
                foreach (var (phrase, type, value) in candidates)
                {
                    if (i + phrase.Length > tokens.Count)
                    {
                        continue;
                    }
                    bool all = true;
                    for (int k = 1; k < phrase.Length && all; k++)
                    {
                        all = SameWord(tokens[i + k].Text, phrase[k]);
                    }
                    if (all)
                    {
                        var first = tokens[i];
                        var last = tokens[i + phrase.Length - 1];
                        yield return new Entity(type, value, first.Start, last.Start + last.Text.Length - first.Start);
                        matched = phrase.Length;
                        break;
                    }
                }
                if (matched > 0)
                {
                    break;
                }
            }
            i += Math.Max(matched, 1);
        }
    }

    private static List<(string Text, int Start)> Tokenize(string text) =>
        Word().Matches(text).Select(m => (m.Value.ToLowerInvariant(), m.Index)).ToList();

    private IEnumerable<List<(string[] Tokens, string Type, string Value)>> Candidates(string token)
    {
        foreach (var form in Forms(token))
        {
            if (_byFirstToken.TryGetValue(form, out var list))
            {
                yield return list;
            }
        }
    }

    private static bool SameWord(string text, string phrase) => Forms(text).Contains(phrase);

    // "laptops" meets "laptop" and "laptop" meets "laptops"; a word of three letters or fewer is never pluralised,
    // so "can" (the verb) does not meet "cans" (headphones) and "pay" does not meet "pays".
    private static IEnumerable<string> Forms(string token)
    {
        yield return token;
        if (token.Length > 3 && token.EndsWith('s') && !token.EndsWith("ss", StringComparison.Ordinal))
        {
            yield return token[..^1];
        }
        if (token.Length > 3)
        {
            yield return token + "s";
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}

/// <summary>A phrase that names a catalogue thing: <see cref="Type"/> is product or category, <see cref="Value"/> its SKU or slug.</summary>
public sealed record GazetteerEntry(string Type, string Value, string Phrase);

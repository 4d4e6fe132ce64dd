using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace CrmBot.Core.Knowledge;

/// <summary>The English text analysis shared by articles and queries: lowercasing, stop words and light suffix stemming.</summary>
internal static class KnowledgeText
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
        "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during",
        "each", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i",
        "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "of",
        "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some",
        "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
        "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
        "why", "will", "with", "would", "you", "your", "yours", "yourself", "also", "im", "ive", "id", "ill", "dont", "cant",
        "wont", "didnt", "doesnt", "isnt", "arent", "hasnt", "havent", "please", "thanks", "thank", "hi", "hello", "hey", "hiya",
        "tell", "know", "want", "wanted", "wondering", "like", "let", "lets", "something", "anything", "thing", "things", "really",
        "actually", "still", "us", "ok", "okay", "yes", "mate", "cheers", "guys", "get", "got", "go", "going", "s", "t", "d", "ll",
        "re", "ve", "m", "one", "possible", "way", "bit", "etc", "e", "g", "ie", "eg",
    ], StringComparer.Ordinal);

    // Customer idioms, turned into the words the help centre uses. Each becomes one query concept that any of its
    // words can satisfy, so an expansion widens what matches without making the query longer to cover.
    // Words captured as "keep" stay in the query ("how long does the warranty last" keeps "warranty").
    private static readonly (Regex Pattern, string[] Terms)[] QueryIdioms =
    [
        (Idiom(@"(send|sending|sent|take|taking|bring|post|posting)( \w+){0,2}? back"), ["return"]),
        (Idiom("(money|cash) back"), ["refund"]),
        (Idiom(@"how long(?<keep>( \w+){0,4}?) last"), ["long", "days", "years", "time"]),
        (Idiom("how long"), ["long", "days", "years", "time"]),
        (Idiom("how much"), ["cost", "much", "fee"]),
        (Idiom("(france|spain|germany|italy|portugal|netherlands|holland|belgium|poland|usa|america|united states|canada|australia|eu|internationally|outside the uk)"),
            ["international", "abroad", "overseas", "worldwide"]),
        (Idiom("(telly|tellies|television|televisions)"), ["tv"]),
        (Idiom("(log in|login|logging in|sign in|signing in)"), ["sign", "login"]),
    ];

    /// <summary>Stemmed content words of an article field.</summary>
    public static List<string> Terms(string text) => Stemmed(Words(text));

    /// <summary>
    /// The concepts of a query, each a set of stemmed alternatives (one word, or the words of a rewritten idiom),
    /// and its two-word phrases (adjacent stems, as <see cref="Phrases"/> makes them for articles).
    /// </summary>
    public static (List<string[]> Concepts, List<string> Phrases) AnalyzeQuery(string query)
    {
        var text = $" {string.Join(' ', Words(query))} ";
        var concepts = new List<string[]>();
        foreach (var (pattern, terms) in QueryIdioms)
        {
            text = pattern.Replace(text, match =>
            {
                concepts.Add([.. terms.Select(Stem)]);
                return $" , {match.Groups["keep"].Value} , ";
            });
        }
        var phrases = new List<string>();
        foreach (var segment in text.Split(','))
        {
            var stems = Stemmed(segment.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            concepts.AddRange(stems.Select(t => new[] { t }));
            phrases.AddRange(Phrases(stems));
        }
        return (concepts, phrases);
    }

    /// <summary>Adjacent stem pairs ("opening hours" gives "open hour"): a phrase match is stronger evidence than its words apart.</summary>
    public static IEnumerable<string> Phrases(IReadOnlyList<string> stems) =>
        Enumerable.Range(0, Math.Max(0, stems.Count - 1)).Select(i => $"{stems[i]} {stems[i + 1]}");

    /// <summary>Lowercased words, apostrophes dropped so contractions stay one word ("don't" is "dont", a stop word).</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) word.Append(char.ToLowerInvariant(c));
            else if (c is '\'' or '’' && word.Length > 0) continue;
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
        if (word.Length > 0) yield return word.ToString();
    }

    // The idioms' repetitions are bounded, so a match takes microseconds; the timeout only guards against a future
    // pattern that backtracks. It is wall-clock time, so it is generous: 100 ms fired on a busy machine when the
    // matching thread was merely waiting for a core, and failed the turn.
    private static Regex Idiom(string pattern) =>
        new($"(?<= ){pattern}(?= )", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(2));

    private static List<string> Stemmed(IEnumerable<string> words) =>
        [.. words.Where(w => !StopWords.Contains(w)).Select(Stem).Where(w => w.Length > 1 || char.IsDigit(w[0]))];

    /// <summary>
    /// A light stemmer: plural, -ing, -ed, -ation and final -e removed and doubled final letters collapsed.
    /// It need not produce real words, only the same stem for the forms customers and articles use
    /// (return/returns/returned, cancel/cancelled/cancellation, charge/charging, deliver/delivery/deliveries).
    /// </summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1])) return word;
        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4) w = w[..^3] + "y";
        else if (w.EndsWith("sses", StringComparison.Ordinal)) w = w[..^2];
        else if (w.EndsWith("shes", StringComparison.Ordinal) || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal)) w = w[..^2];
        else if (w[^1] == 's' && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal)) w = w[..^1];

        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5) w = w[..^3];
        else if (w.EndsWith("ied", StringComparison.Ordinal) && w.Length > 4) w = w[..^3] + "y";
        else if (w.EndsWith("ed", StringComparison.Ordinal) && !w.EndsWith("eed", StringComparison.Ordinal) && w.Length > 4) w = w[..^2];
        else if (w.EndsWith("ation", StringComparison.Ordinal) && w.Length > 7) w = w[..^5];

        else if (w.EndsWith("ery", StringComparison.Ordinal) && w.Length > 5) w = w[..^1];

        if (w.Length > 3 && w[^1] == 'e' && w[^2] != 'e') w = w[..^1];
        if (w.Length > 3 && w[^1] == w[^2] && char.IsLetter(w[^1])) w = w[..^1];
        return w;
    }

    /// <summary>Character trigrams of a term padded with spaces, for matching misspelt query words.</summary>
    public static HashSet<string> Trigrams(string term)
    {
        var padded = $" {term} ";
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++) grams.Add(padded.Substring(i, 3));
        return grams;
    }
}

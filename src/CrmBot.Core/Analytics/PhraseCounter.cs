using System.Text.RegularExpressions;

namespace CrmBot.Core.Analytics;

/// <summary>
/// Finds the phrases that drive negative messages: the one- to three-word n-grams found in at least two of them,
/// counted once per message, that are more common in them than in the other messages of the same intent (so "my
/// order" in every order question does not count, "still not arrived" does). A phrase does not start or end with a
/// filler word ("the", "my", "is"); a negation may start one ("not working"). A shorter phrase inside a longer one
/// found in as many messages is dropped ("not arrived" inside "still not arrived"). Numbers, order references and
/// the redaction placeholders ("[email]") break phrases. Pure and thread-safe.
/// </summary>
public static partial class PhraseCounter
{
    public const int LongestPhrase = 3;
    public const int MinimumMessages = 2;

    private static readonly HashSet<string> FillerWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "so", "of", "to", "in", "on", "at", "for", "from", "by", "with", "about",
        "as", "into", "than", "then", "i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "my", "mine", "we", "our", "us",
        "you", "your", "you're", "it", "it's", "its", "this", "that", "these", "those", "there", "here", "is", "am", "are",
        "was", "were", "be", "been", "being", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could",
        "should", "shall", "may", "might", "must", "just", "also", "very", "really", "please", "pls", "hi", "hello", "hey",
        "thanks", "thank", "ok", "okay", "yes", "yeah", "what", "which", "who", "when", "where", "why", "how", "all", "any",
        "some", "get", "got", "he", "she", "they", "them", "their", "his", "her", "one", "up", "out", "now",
    };

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "nothing", "nobody", "don't", "dont", "didn't", "didnt", "doesn't", "doesnt", "can't", "cant",
        "cannot", "won't", "wont", "isn't", "isnt", "wasn't", "wasnt", "haven't", "havent", "hasn't", "hasnt", "aren't",
    };

    /// <summary>The phrases of <paramref name="negative"/> messages that set them apart from <paramref name="others"/>, most frequent first.</summary>
    public static IReadOnlyList<DrivingPhrase> Drivers(IReadOnlyList<string> negative, IReadOnlyList<string> others, int max)
    {
        var inNegative = MessagesPerPhrase(negative);
        var inOthers = MessagesPerPhrase(others);
        double OtherShare(string phrase) => others.Count == 0 ? 0 : (double)inOthers.GetValueOrDefault(phrase) / others.Count;

        var candidates = inNegative
            .Where(p => p.Value >= MinimumMessages && (double)p.Value / negative.Count > OtherShare(p.Key))
            .ToDictionary(p => p.Key, p => p.Value);
        var kept = candidates
            .Where(p => !candidates.Any(longer => longer.Value == p.Value && longer.Key.Length > p.Key.Length && Contains(longer.Key, p.Key)))
            .OrderByDescending(p => p.Value)
            .ThenByDescending(p => WordCount(p.Key))
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(max);
        return kept.Select(p => new DrivingPhrase(p.Key, p.Value, (double)p.Value / negative.Count, OtherShare(p.Key))).ToList();
    }

    /// <summary>The distinct phrases of one message.</summary>
    public static IReadOnlySet<string> PhrasesOf(string text)
    {
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in WordRuns(text))
        {
            for (int start = 0; start < run.Count; start++)
            {
                for (int length = 1; length <= LongestPhrase && start + length <= run.Count; length++)
                {
                    var first = run[start];
                    var last = run[start + length - 1];
                    bool keep = length == 1
                        ? first.Length >= 3 && !FillerWords.Contains(first) && !Negations.Contains(first)
                        : !FillerWords.Contains(first) && !FillerWords.Contains(last) && !Negations.Contains(last);
                    if (keep)
                    {
                        phrases.Add(string.Join(' ', run.Skip(start).Take(length)));
                    }
                }
            }
        }
        return phrases;
    }

    /// <summary>The runs of words between breaks (punctuation, numbers, placeholders), lower-cased.</summary>
    private static IEnumerable<List<string>> WordRuns(string text)
    {
        var run = new List<string>();
        foreach (var chunk in Breaks().Replace(text.Replace('’', '\'').ToLowerInvariant(), " | ").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = chunk.Trim('\'');
            if (word.Length > 0 && word.All(IsWordCharacter) && char.IsLetter(word[0]) && char.IsLetter(word[^1]))
            {
                run.Add(word);
                continue;
            }
            if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static bool IsWordCharacter(char c) => char.IsLetter(c) || c == '\'' || c == '-';

    private static Dictionary<string, int> MessagesPerPhrase(IEnumerable<string> messages)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            foreach (var phrase in PhrasesOf(message))
            {
                counts[phrase] = counts.GetValueOrDefault(phrase) + 1;
            }
        }
        return counts;
    }

    private static bool Contains(string longer, string shorter) =>
        (" " + longer + " ").Contains(" " + shorter + " ", StringComparison.Ordinal);

    private static int WordCount(string phrase) => phrase.Count(c => c == ' ') + 1;

    // Placeholders of redacted data, and punctuation that ends a clause: both end a phrase.
    [GeneratedRegex(@"\[[^\]]*\]|[.,!?;:()""…/\\\[\]{}<>|*+=#~^&%$@–—]+")]
    private static partial Regex Breaks();
}

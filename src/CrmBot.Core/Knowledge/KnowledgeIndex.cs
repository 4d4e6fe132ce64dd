using System.Collections.Frozen;

namespace CrmBot.Core.Knowledge;

/// <summary>
/// An immutable BM25F index over knowledge articles (Robertson &amp; Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", §3.6):
/// each field's term frequency is length-normalised and weighted (title &gt; keywords &gt; summary &gt; body) before one saturation.
/// Because saturation and idf are query-independent, postings hold each term's finished per-article weight.
/// </summary>
internal sealed class KnowledgeIndex
{
    private const double K1 = 1.2;
    /// <summary>A query word no article uses counts this share of the idf such a word would have against coverage: enough that "capital of peru" finds nothing, not so much that one chatty word sinks a good match.</summary>
    private const double UnknownTermShare = 0.8;
    private const double MinTrigramSimilarity = 0.4;
    private const double IntentBoost = 1.5;
    private const double PhraseBonus = 0.5;
    /// <summary>An intent match closes this share of the gap between an article's coverage and 1.</summary>
    private const double IntentCoverageLift = 0.35;

    private static readonly (double Weight, double B)[] Fields = [(3.0, 0.5), (2.0, 0.5), (1.5, 0.75), (1.0, 0.75)];

    private readonly Article[] articles;
    private readonly FrozenDictionary<string, TermEntry> terms;
    private readonly FrozenDictionary<string, string[]> termsByTrigram;
    private readonly double unknownTermIdf;

    private KnowledgeIndex(Article[] articles, FrozenDictionary<string, TermEntry> terms)
    {
        this.articles = articles;
        this.terms = terms;
        termsByTrigram = terms.Keys
            .Where(t => t.Length >= 4 && !t.Contains(' '))
            .SelectMany(t => KnowledgeText.Trigrams(t).Select(g => (Gram: g, Term: t)))
            .GroupBy(x => x.Gram, x => x.Term)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        unknownTermIdf = UnknownTermShare * Idf(articles.Length, 0);
    }

    public static KnowledgeIndex Empty { get; } = new([], FrozenDictionary<string, TermEntry>.Empty);

    public int Count => articles.Length;

    public static KnowledgeIndex Build(IEnumerable<KnowledgeArticle> source)
    {
        var list = source.ToArray();
        var fieldTerms = list.Select(a => new[] { WithPhrases([a.Title]), WithPhrases(a.Keywords.Split(',')), KnowledgeText.Terms(a.Summary), KnowledgeText.Terms(a.Body) }).ToArray();
        var averageLengths = Enumerable.Range(0, Fields.Length)
            .Select(f => list.Length == 0 ? 1.0 : Math.Max(1.0, fieldTerms.Average(d => d[f].Count)))
            .ToArray();

        var weighted = new Dictionary<string, Dictionary<int, double>>(StringComparer.Ordinal);
        for (var doc = 0; doc < list.Length; doc++)
        {
            for (var f = 0; f < Fields.Length; f++)
            {
                var (weight, b) = Fields[f];
                var lengthNorm = 1 - b + b * fieldTerms[doc][f].Count / averageLengths[f];
                foreach (var term in fieldTerms[doc][f])
                {
                    if (!weighted.TryGetValue(term, out var byDoc)) weighted[term] = byDoc = [];
                    byDoc[doc] = byDoc.GetValueOrDefault(doc) + weight / lengthNorm;
                }
            }
        }

        var terms = weighted.ToFrozenDictionary(
            kv => kv.Key,
            kv => new TermEntry(Idf(list.Length, kv.Value.Count), [.. kv.Value.Select(p => new Posting(p.Key, p.Value / (K1 + p.Value)))]),
            StringComparer.Ordinal);
        var articles = list.Select(a => new Article(a.Id, a.Slug, a.Title, a.Summary,
            a.Intents.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToFrozenSet(StringComparer.OrdinalIgnoreCase))).ToArray();
        return new KnowledgeIndex(articles, terms);
    }

    public IReadOnlyList<KnowledgeHit> Search(string query, int top, string? intent)
    {
        if (top <= 0 || articles.Length == 0) return [];
        var scores = new double[articles.Length];
        var reachable = 0.0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var (concepts, phrases) = KnowledgeText.AnalyzeQuery(query);
        foreach (var phrase in phrases.Distinct())
        {
            // A bonus on top of the words' own scores, not a concept to cover: articles without the phrase lose nothing.
            if (!terms.TryGetValue(phrase, out var entry)) continue;
            foreach (var posting in entry.Postings) scores[posting.Doc] += PhraseBonus * entry.Idf * posting.Weight;
        }
        foreach (var concept in concepts)
        {
            var (key, idf, postings) = concept.Length == 1 ? Single(concept[0]) : Union(concept);
            if (key is null)
            {
                reachable += unknownTermIdf;
                continue;
            }
            if (!seen.Add(key)) continue;
            reachable += idf;
            foreach (var posting in postings) scores[posting.Doc] += idf * posting.Weight;
        }

        var hits = new List<KnowledgeHit>();
        for (var doc = 0; doc < articles.Length; doc++)
        {
            var article = articles[doc];
            var intentMatch = intent is not null && article.Intents.Contains(intent);
            if (scores[doc] <= 0 && !intentMatch) continue;
            var coverage = reachable > 0 ? Math.Clamp(scores[doc] / reachable, 0, 1) : 0;
            var (score, normalized) = intentMatch ? (scores[doc] * IntentBoost, 1 - (1 - coverage) * (1 - IntentCoverageLift)) : (scores[doc], coverage);
            hits.Add(new KnowledgeHit(article.Id, article.Slug, article.Title, article.Summary, score, normalized));
        }
        return [.. hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.NormalizedScore).ThenBy(h => h.Slug, StringComparer.Ordinal).Take(top)];
    }

    /// <summary>A query word, or its closest indexed spelling with postings scaled by the similarity; a null key when nothing is close.</summary>
    private (string? Key, double Idf, IEnumerable<Posting> Postings) Single(string word)
    {
        var (term, similarity) = Resolve(word);
        if (term is null) return (null, 0, []);
        var entry = terms[term];
        return (term, entry.Idf, similarity < 1 ? entry.Postings.Select(p => p with { Weight = p.Weight * similarity }) : entry.Postings);
    }

    /// <summary>
    /// An idiom's alternatives scored as one pseudo-term (synonyms share a document frequency, the usual BM25 treatment):
    /// an article has it if it has any alternative, as strongly as its strongest one.
    /// </summary>
    private (string? Key, double Idf, IEnumerable<Posting> Postings) Union(string[] alternatives)
    {
        var byDoc = new Dictionary<int, double>();
        foreach (var term in alternatives)
        {
            if (!terms.TryGetValue(term, out var entry)) continue;
            foreach (var posting in entry.Postings) byDoc[posting.Doc] = Math.Max(byDoc.GetValueOrDefault(posting.Doc), posting.Weight);
        }
        if (byDoc.Count == 0) return (null, 0, []);
        return (string.Join('|', alternatives), Idf(articles.Length, byDoc.Count), byDoc.Select(kv => new Posting(kv.Key, kv.Value)));
    }

    /// <summary>The indexed term for a query word: itself, or for an unknown word of four letters or more the closest term by trigram overlap.</summary>
    private (string? Term, double Similarity) Resolve(string word)
    {
        if (terms.ContainsKey(word)) return (word, 1.0);
        if (word.Length < 4 || char.IsDigit(word[0])) return (null, 0);
        var grams = KnowledgeText.Trigrams(word);
        var shared = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var gram in grams)
        {
            if (!termsByTrigram.TryGetValue(gram, out var candidates)) continue;
            foreach (var candidate in candidates) shared[candidate] = shared.GetValueOrDefault(candidate) + 1;
        }
        var best = shared
            .Select(kv => (Term: kv.Key, Similarity: (double)kv.Value / (grams.Count + KnowledgeText.Trigrams(kv.Key).Count - kv.Value)))
            .OrderByDescending(x => x.Similarity).ThenBy(x => x.Term, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Similarity >= MinTrigramSimilarity ? best : (null, 0);
    }

    /// <summary>Stems of each text plus the two-word phrases within it (title and keyword phrases are written as phrases).</summary>
    private static List<string> WithPhrases(IEnumerable<string> texts) =>
        [.. texts.Select(KnowledgeText.Terms).SelectMany(stems => stems.Concat(KnowledgeText.Phrases(stems)))];

    private static double Idf(int documents, int withTerm) => Math.Log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5));

    private sealed record Article(int Id, string Slug, string Title, string Summary, FrozenSet<string> Intents);

    private readonly record struct Posting(int Doc, double Weight);

    private sealed record TermEntry(double Idf, Posting[] Postings);
}

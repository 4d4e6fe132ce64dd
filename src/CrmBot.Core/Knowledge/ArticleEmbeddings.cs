using CrmBot.Intelligence.Embeddings;

namespace CrmBot.Core.Knowledge;

/// <summary>
/// Sentence vectors of the knowledge articles, for finding them by meaning. Each article has one vector for the whole of it
/// ("title: keywords. summary") and one per keyword read in the title's context ("Delivery costs and free delivery: postage"),
/// so a short question about one facet is not diluted by the rest of the article. The body is left out: on
/// tests/data/knowledge-queries.csv its details pulled the vectors away from what an article is about (top-1 65 % with it, 85 % without).
/// Immutable.
/// </summary>
internal sealed class ArticleEmbeddings
{
    private readonly float[][] wholes;
    private readonly float[][][] facets;

    private ArticleEmbeddings(float[][] wholes, float[][][] facets)
    {
        this.wholes = wholes;
        this.facets = facets;
    }

    public static ArticleEmbeddings Build(IReadOnlyList<KnowledgeArticle> articles, SentenceEmbedder embedder, CancellationToken ct)
    {
        var keywords = articles.Select(Keywords).ToArray();
        var texts = new List<string>();
        for (var i = 0; i < articles.Count; i++)
        {
            var a = articles[i];
            texts.Add($"{a.Title}: {string.Join(", ", keywords[i])}. {a.Summary}");
            texts.AddRange(keywords[i].Select(k => $"{a.Title}: {k}"));
        }

        // One batched call: at first start about 560 short texts; later starts read them from the embedder's cache file.
        var vectors = embedder.EmbedAll(texts, ct);
        var wholes = new float[articles.Count][];
        var facets = new float[articles.Count][][];
        var next = 0;
        for (var i = 0; i < articles.Count; i++)
        {
            wholes[i] = vectors[next++];
            facets[i] = vectors[next..(next + keywords[i].Length)];
            next += keywords[i].Length;
        }
        return new ArticleEmbeddings(wholes, facets);
    }

    /// <summary>
    /// For each article, in index order, the cosine similarity of the query to the article as a whole averaged with its
    /// closest facet: the whole vector says what the article is about, the facet how directly it answers this wording.
    /// </summary>
    public double[] Similarities(ReadOnlySpan<float> query)
    {
        var result = new double[wholes.Length];
        for (var i = 0; i < wholes.Length; i++)
        {
            double whole = SentenceEmbedder.Similarity(query, wholes[i]);
            var closest = whole;
            if (facets[i].Length > 0)
            {
                closest = double.MinValue;
                foreach (var facet in facets[i])
                {
                    closest = Math.Max(closest, SentenceEmbedder.Similarity(query, facet));
                }
            }
            result[i] = (whole + closest) / 2;
        }
        return result;
    }

    private static string[] Keywords(KnowledgeArticle article) =>
        article.Keywords.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

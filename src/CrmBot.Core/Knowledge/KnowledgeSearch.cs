using CrmBot.Core.Storage;
using CrmBot.Intelligence.Embeddings;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Knowledge;

/// <summary>
/// Search over the help-centre articles by words (BM25F) and, given a <see cref="SentenceEmbedder"/>, by meaning.
/// Register as a singleton: searches read an immutable index and <see cref="Rebuild"/> swaps in a new one atomically,
/// so it is thread-safe without locks.
/// </summary>
/// <param name="embedder">Embeds the articles at every (re)build and questions that come without a vector; null searches by words only.</param>
public sealed class KnowledgeSearch(SentenceEmbedder? embedder = null)
{
    private volatile KnowledgeIndex index = KnowledgeIndex.Empty;

    public int ArticleCount => index.Count;

    /// <summary>Whether articles are also found by meaning, not only by their words.</summary>
    public bool FindsByMeaning => index.HasMeanings;

    public static KnowledgeSearch Build(IEnumerable<KnowledgeArticle> articles, SentenceEmbedder? embedder = null)
    {
        var search = new KnowledgeSearch(embedder);
        search.Rebuild(articles);
        return search;
    }

    public static async Task<KnowledgeSearch> LoadAsync(CrmDbContext db, CancellationToken ct)
    {
        var search = new KnowledgeSearch();
        await search.ReloadAsync(db, ct);
        return search;
    }

    /// <summary>Replaces the index, e.g. after seeding or editing articles. With an embedder this embeds every article (cached across runs).</summary>
    public void Rebuild(IEnumerable<KnowledgeArticle> articles, CancellationToken ct = default) => index = KnowledgeIndex.Build(articles, embedder, ct);

    public async Task ReloadAsync(CrmDbContext db, CancellationToken ct) => Rebuild(await ReadArticlesAsync(db, ct), ct);

    /// <summary>
    /// The best articles for a question, best first; <see cref="KnowledgeHit.NormalizedScore"/> says how well each answers it.
    /// An <paramref name="intent"/> (as named in articles' Intents) ranks the articles that answer it first among close matches,
    /// but never makes an article relevant that matches neither the words nor the meaning of the question.
    /// </summary>
    /// <param name="queryEmbedding">
    /// The question's sentence vector from the same embedder, when already computed (<c>MessageUnderstanding.Embedding</c>);
    /// when null it is computed here if the search has an embedder.
    /// </param>
    public IReadOnlyList<KnowledgeHit> Search(string query, int top = 3, string? intent = null, float[]? queryEmbedding = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (queryEmbedding is not null && queryEmbedding.Length != SentenceEmbedder.Dimensions)
        {
            throw new ArgumentException($"Expected a sentence vector of {SentenceEmbedder.Dimensions} numbers, got {queryEmbedding.Length}.", nameof(queryEmbedding));
        }
        var current = index;
        var vector = current.HasMeanings ? queryEmbedding ?? embedder?.Embed(query) : null;
        return current.Search(query, top, string.IsNullOrWhiteSpace(intent) ? null : intent.Trim(), vector);
    }

    private static Task<List<KnowledgeArticle>> ReadArticlesAsync(CrmDbContext db, CancellationToken ct) =>
        db.KnowledgeArticles.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
}

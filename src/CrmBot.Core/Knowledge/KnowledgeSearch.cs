using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Knowledge;

/// <summary>
/// BM25F search over the help-centre articles. Register as a singleton: searches read an immutable index and
/// <see cref="Rebuild"/> swaps in a new one atomically, so it is thread-safe without locks.
/// </summary>
public sealed class KnowledgeSearch
{
    private volatile KnowledgeIndex index;

    /// <summary>An empty search, for DI: call <see cref="ReloadAsync"/> once the store is ready.</summary>
    public KnowledgeSearch() => index = KnowledgeIndex.Empty;

    private KnowledgeSearch(KnowledgeIndex index) => this.index = index;

    public int ArticleCount => index.Count;

    public static KnowledgeSearch Build(IEnumerable<KnowledgeArticle> articles) => new(KnowledgeIndex.Build(articles));

    public static async Task<KnowledgeSearch> LoadAsync(CrmDbContext db, CancellationToken ct) =>
        new(KnowledgeIndex.Build(await ReadArticlesAsync(db, ct)));

    /// <summary>Replaces the index, e.g. after seeding or editing articles.</summary>
    public void Rebuild(IEnumerable<KnowledgeArticle> articles) => index = KnowledgeIndex.Build(articles);

    public async Task ReloadAsync(CrmDbContext db, CancellationToken ct) => Rebuild(await ReadArticlesAsync(db, ct));

    /// <summary>
    /// The best articles for a question, best first. An <paramref name="intent"/> (as named in articles' Intents) boosts the articles
    /// that answer it, and brings them in even when they share no word with the query.
    /// </summary>
    public IReadOnlyList<KnowledgeHit> Search(string query, int top = 3, string? intent = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return index.Search(query, top, string.IsNullOrWhiteSpace(intent) ? null : intent.Trim());
    }

    private static Task<List<KnowledgeArticle>> ReadArticlesAsync(CrmDbContext db, CancellationToken ct) =>
        db.KnowledgeArticles.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
}

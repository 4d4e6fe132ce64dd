using CrmBot.Core.Knowledge;
using CrmBot.Core.Seeding;
using CrmBot.Intelligence.Embeddings;

namespace CrmBot.Tests.Knowledge;

/// <summary>The seeded help-centre articles indexed twice, by words only and by words and meaning, with one embedder for the class.</summary>
public sealed class HelpCentreFixture : IDisposable
{
    public HelpCentreFixture()
    {
        Articles = KnowledgeBaseFile.LoadEmbedded().ToArticles(DateTimeOffset.UnixEpoch);
        for (var i = 0; i < Articles.Count; i++) Articles[i].Id = i + 1;
        Words = KnowledgeSearch.Build(Articles);
        Blended = KnowledgeSearch.Build(Articles, Embedder);
    }

    public IReadOnlyList<KnowledgeArticle> Articles { get; }
    public SentenceEmbedder Embedder { get; } = new();
    public KnowledgeSearch Words { get; }
    public KnowledgeSearch Blended { get; }

    public void Dispose() => Embedder.Dispose();
}

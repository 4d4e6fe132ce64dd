using CrmBot.Core.Knowledge;

namespace CrmBot.Core.Seeding;

/// <summary>Schema of <c>Seeding/Data/knowledge-base.yaml</c>: the help-centre articles the bot answers from.</summary>
public sealed record KnowledgeBaseFile
{
    public const string FileName = "knowledge-base.yaml";

    public List<ArticleEntry> Articles { get; init; } = [];

    public sealed record ArticleEntry
    {
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Category { get; init; } = "";
        public List<string> Intents { get; init; } = [];
        public List<string> Keywords { get; init; } = [];
        public string Summary { get; init; } = "";
        public string Body { get; init; } = "";
    }

    /// <summary>Reads and validates the knowledge base embedded in this assembly.</summary>
    public static KnowledgeBaseFile LoadEmbedded() => SeedYaml.ReadEmbedded<KnowledgeBaseFile>(FileName).Validate();

    /// <summary>The articles as entities (not yet stored, so without ids).</summary>
    public IReadOnlyList<KnowledgeArticle> ToArticles(DateTimeOffset updatedAt) =>
        [.. Articles.Select(a => new KnowledgeArticle
        {
            Slug = a.Slug,
            Title = a.Title.Trim(),
            Category = a.Category,
            Intents = string.Join(',', a.Intents.Select(i => i.Trim())),
            Keywords = string.Join(',', a.Keywords.Select(k => k.Trim())),
            Summary = a.Summary.Trim(),
            Body = a.Body.Trim(),
            UpdatedAt = updatedAt,
        })];

    private KnowledgeBaseFile Validate()
    {
        var problems = new List<string>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in Articles)
        {
            if (string.IsNullOrWhiteSpace(a.Slug) || string.IsNullOrWhiteSpace(a.Title) || string.IsNullOrWhiteSpace(a.Category)
                || string.IsNullOrWhiteSpace(a.Summary) || string.IsNullOrWhiteSpace(a.Body))
                problems.Add($"article '{a.Slug}' needs slug, title, category, summary and body");
            else if (!slugs.Add(a.Slug)) problems.Add($"article slug '{a.Slug}' repeats");
        }
        if (Articles.Count == 0) problems.Add("no articles");
        return problems.Count == 0 ? this : throw new InvalidDataException($"{FileName}: {string.Join("; ", problems)}");
    }
}

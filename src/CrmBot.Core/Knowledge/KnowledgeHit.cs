namespace CrmBot.Core.Knowledge;

/// <summary>
/// A knowledge-base article found for a query. <see cref="Score"/> ranks hits within one query;
/// <see cref="NormalizedScore"/> in [0, 1] says how much of the query the article covers, so one threshold works for every query.
/// </summary>
public sealed record KnowledgeHit(int ArticleId, string Slug, string Title, string Summary, double Score, double NormalizedScore);

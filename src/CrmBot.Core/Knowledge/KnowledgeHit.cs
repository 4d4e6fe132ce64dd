namespace CrmBot.Core.Knowledge;

/// <summary>
/// A knowledge-base article found for a query. <see cref="Score"/> ranks hits within one query (an intent match may tip it);
/// <see cref="NormalizedScore"/> in [0, 1] says how well the article matches the question, so one threshold works for every query:
/// with sentence embeddings a blend of meaning and word coverage, without them how much of the query the article covers.
/// </summary>
public sealed record KnowledgeHit(int ArticleId, string Slug, string Title, string Summary, double Score, double NormalizedScore);

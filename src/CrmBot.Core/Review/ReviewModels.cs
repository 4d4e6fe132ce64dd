namespace CrmBot.Core.Review;

/// <summary>
/// What a reviewer searches transcripts by; every filter is optional and they combine. <see cref="Intent"/> and the
/// sentiment range apply to one and the same customer message ("a message about tracking that was negative"),
/// <see cref="Text"/> to any message of the conversation, the dates to when it started ([From, To)).
/// </summary>
public sealed record TranscriptQuery
{
    public string? Text { get; init; }
    public int? CustomerId { get; init; }
    /// <summary>Part of the customer's name or email address.</summary>
    public string? Customer { get; init; }
    public string? Intent { get; init; }
    public double? SentimentMin { get; init; }
    public double? SentimentMax { get; init; }
    public bool? Escalated { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Channel { get; init; }
    /// <summary>1 is the first page.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = TranscriptSearch.DefaultPageSize;
}

/// <summary>One page of conversations, newest first, and how many match in all.</summary>
public sealed record TranscriptPage(int Page, int PageSize, int Total, IReadOnlyList<TranscriptSummary> Conversations);

/// <summary>A conversation in a list of search results.</summary>
/// <param name="Match">For a text search, the first message that contains the text.</param>
/// <param name="LowestSentiment">The most negative customer message, the one a reviewer usually looks for.</param>
public sealed record TranscriptSummary(
    Guid Id, string Channel, int? CustomerId, string? CustomerName, DateTimeOffset StartedAt, DateTimeOffset LastActivityAt,
    string? Topic, double Sentiment, double? LowestSentiment, int Messages, bool Escalated, string? FirstMessage, string? Match);

/// <summary>A whole conversation for review: who, when, its escalations and every message with how it was understood.</summary>
public sealed record TranscriptView(
    Guid Id, string Channel, string Status, int? CustomerId, string? CustomerName, string? CustomerTier, DateTimeOffset StartedAt,
    DateTimeOffset LastActivityAt, string? Topic, double Sentiment, IReadOnlyList<TranscriptEscalation> Escalations, IReadOnlyList<TranscriptMessage> Messages);

public sealed record TranscriptEscalation(
    int Id, string Reference, string Reason, string ReasonDetail, string Queue, string Status, string? AgentName,
    DateTimeOffset CreatedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ResolvedAt, string? Disposition, int? Csat);

/// <summary>
/// One message. Customer messages carry what the models said (<see cref="Intent"/>, <see cref="Confidence"/>,
/// sentiment) and any reviewer's correction; the bot's, agents' and system messages carry who or what produced them.
/// </summary>
public sealed record TranscriptMessage(
    long Id, DateTimeOffset At, string Author, string? AuthorName, string Text, string? HandledBy,
    string? Intent, double? Confidence, double? SentimentScore, string? SentimentLabel, CorrectedLabels? Correction);

/// <summary>The labels reviewers gave a message (the latest of each), and who corrected it last and when.</summary>
public sealed record CorrectedLabels(string? Intent, string? SentimentLabel, string By, DateTimeOffset At);

/// <summary>A reviewer's correction: an intent, a sentiment label or both.</summary>
public sealed record CorrectionRequest(string? Intent, string? Sentiment);

/// <summary>A correction as stored.</summary>
public sealed record CorrectionView(
    long Id, long MessageId, Guid ConversationId, string? Intent, string? SentimentLabel, string? ModelIntent, string? ModelSentimentLabel,
    string By, DateTimeOffset At);

/// <summary>The labels a reviewer may choose: the loaded models' own.</summary>
public sealed record ReviewLabels(IReadOnlyList<string> Intents, IReadOnlyList<string> Sentiments);

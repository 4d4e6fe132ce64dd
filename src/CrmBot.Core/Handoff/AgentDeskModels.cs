namespace CrmBot.Core.Handoff;

/// <summary>One escalation as a queue line or a console header shows it.</summary>
public sealed record EscalationSummary(
    int Id,
    string Reference,
    string Status,
    string Queue,
    int Priority,
    string Reason,
    string ReasonDetail,
    string CustomerName,
    string? Tier,
    string Channel,
    double Sentiment,
    string SentimentLabel,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ResolvedAt,
    int? AgentId,
    string? AgentName,
    string? LastCustomerMessage,
    DateTimeOffset? LastCustomerMessageAt,
    string? Disposition,
    string? Note,
    int? Csat);

public sealed record AgentQueue(IReadOnlyList<EscalationSummary> Mine, IReadOnlyList<EscalationSummary> Waiting);

public sealed record TranscriptMessage(
    long Id,
    string Author,
    string? AuthorName,
    string Text,
    DateTimeOffset Timestamp,
    string? Intent,
    double? Confidence,
    double? SentimentScore,
    string? SentimentLabel);

public sealed record OrderLineSummary(string Number, string Status, DateTimeOffset PlacedAt, decimal Total);

public sealed record EarlierConversation(DateTimeOffset StartedAt, string Status, int CustomerTurns);

public sealed record EarlierEscalation(string Reference, DateTimeOffset CreatedAt, string Reason, string Status, string? Disposition, int? Csat);

/// <summary>
/// Who the customer is, as the agent sees them: the computed profile (segment, churn risk and its level, lifetime value,
/// RFM: last order, orders, net spend; null or 0 until profiled) and their recent history.
/// </summary>
public sealed record CustomerProfile(
    int CustomerId,
    string Name,
    string Email,
    string Tier,
    string? Segment,
    decimal LifetimeValue,
    double? ChurnRisk,
    string? ChurnLevel,
    DateTimeOffset? LastOrderAt,
    int OrderCount,
    decimal NetSpend,
    DateTimeOffset? ProfiledAt,
    DateTimeOffset CustomerSince,
    IReadOnlyList<OrderLineSummary> RecentOrders,
    IReadOnlyList<EarlierConversation> EarlierConversations,
    IReadOnlyList<EarlierEscalation> EarlierEscalations);

public sealed record SuggestedReply(string Slug, string Title, string Text);

public sealed record EscalationDetail(EscalationSummary Escalation, IReadOnlyList<TranscriptMessage> Transcript, CustomerProfile? Profile, IReadOnlyList<SuggestedReply> Suggestions);

public sealed record Disposition(string Value, string Label);

/// <summary>How an agent closes a hand-off; the values go into reports, the labels onto the console.</summary>
public static class Dispositions
{
    public const string HandedBack = Escalations.Escalation.HandedBackDisposition;

    public static readonly IReadOnlyList<Disposition> All =
    [
        new("solved", "Solved"),
        new("refund-issued", "Refund or credit issued"),
        new("replacement-sent", "Replacement sent"),
        new("follow-up", "Needs follow-up"),
        new("not-solved", "Could not solve"),
        new("no-response", "Customer stopped responding"),
    ];

    public static bool IsKnown(string? value) => All.Any(d => d.Value == value);
}

using CrmBot.Core.Customers;

namespace CrmBot.Core.Analytics;

/// <summary>
/// What an analytics figure looks at: a period and optional filters, each narrowing to conversations that match.
/// Channel, segment and tier are the conversation's; intent is an intent the customer raised in it (message figures
/// count only the customer's messages of that intent); queue and agent are those of one of its escalations
/// (escalation figures count only the escalations in that queue or with that agent).
/// </summary>
public sealed record AnalyticsFilter(
    ReportPeriod Period,
    string? Channel = null,
    string? Intent = null,
    string? Queue = null,
    int? AgentId = null,
    string? Segment = null,
    CustomerTier? Tier = null);

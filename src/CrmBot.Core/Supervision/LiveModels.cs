using System.Text.Json.Serialization;

namespace CrmBot.Core.Supervision;

/// <summary>Who has a conversation now: the bot, a queue (waiting), an agent it is offered to, or the agent working it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OwnerKind>))]
public enum OwnerKind { Bot, Waiting, Offered, Agent }

public sealed record LiveOwner(OwnerKind Kind, int? AgentId, string? AgentName, string? Queue);

public sealed record LiveEscalation(int Id, string Reference, string Status, string Queue, string Reason, DateTimeOffset CreatedAt,
    DateTimeOffset? AssignedAt, DateTimeOffset? AcceptedAt);

public sealed record LiveAlert(int Id, Guid ConversationId, string Kind, double Sentiment, double Drop, DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, bool Cleared, string Customer, string Channel);

/// <summary>
/// One active conversation as the supervisor's live view shows it. <see cref="Trend"/> holds the sentiment of the last
/// customer messages, oldest first; waiting is the time since escalation while no agent has accepted, handle the time
/// since an agent accepted, both in seconds at <see cref="LiveView.AsOf"/> (the page keeps counting from the timestamps).
/// </summary>
public sealed record LiveConversation(
    Guid Id,
    string Channel,
    string Status,
    string Customer,
    int? CustomerId,
    string? Tier,
    string? Intent,
    LiveOwner Owner,
    double Sentiment,
    string SentimentLabel,
    IReadOnlyList<double> Trend,
    LiveEscalation? Escalation,
    double? WaitingSeconds,
    double? HandleSeconds,
    int CustomerMessages,
    DateTimeOffset StartedAt,
    DateTimeOffset LastActivityAt,
    LiveAlert? Alert);

/// <summary>The live list: conversations active within the window, most recent first, and alerts nobody acknowledged.</summary>
public sealed record LiveView(DateTimeOffset AsOf, TimeSpan ActiveWindow, IReadOnlyList<LiveConversation> Conversations, bool Truncated,
    IReadOnlyList<LiveAlert> Alerts, IReadOnlyList<string> Channels, LiveSettings Settings);

/// <summary>The alert rule's settings, shown on the page so a supervisor knows what rings.</summary>
public sealed record LiveSettings(double AlertThreshold, double SteepDrop, int DropWindow, double RecoverAt, int TrendPoints);

/// <summary>
/// Filters of the live list. Owner: <c>bot</c>, <c>waiting</c> (in a queue or offered, not accepted), <c>agent</c> (any
/// agent working it) or an agent's id. The page applies the same filters to live updates.
/// </summary>
public sealed record LiveFilter(string? Channel = null, string? Owner = null, double? SentimentBelow = null, bool EscalatedOnly = false);

/// <summary>An agent a supervisor can assign a conversation to, with what they hold now.</summary>
public sealed record AssignableAgent(int Id, string DisplayName, IReadOnlyList<string> Skills, string Presence, int Load, int Capacity);

/// <summary>A conversation's transcript for the supervisor, read-only.</summary>
public sealed record LiveTranscript(LiveConversation Conversation, IReadOnlyList<Handoff.TranscriptMessage> Messages);

namespace CrmBot.Core.Analytics;

/// <summary>
/// How often conversations went to a person, and why. <paramref name="Rate"/> is escalated conversations over
/// conversations started in the period (null when there were none); the reasons count the escalations created in it.
/// </summary>
public sealed record EscalationFigures(int Conversations, int EscalatedConversations, double? Rate, int Escalations, IReadOnlyList<ReasonCount> Reasons);

/// <summary>Escalations for one reason and their share of all escalations.</summary>
public sealed record ReasonCount(string Reason, int Escalations, double Share);

/// <summary>
/// Conversations the bot handled alone: started in the period and never escalated. <paramref name="ReachedAgent"/>
/// counts the escalated ones an agent accepted; the rest waited in a queue or were given up.
/// </summary>
public sealed record ContainmentFigures(int Conversations, int Contained, int Escalated, int ReachedAgent, double? Rate, IReadOnlyList<DailyContainment> Days);

/// <summary>Containment of the conversations started on one local day.</summary>
public sealed record DailyContainment(DateOnly Date, int Conversations, int Contained, double? Rate);

/// <summary>
/// Customer satisfaction from the 1–5 rating asked after an agent resolves (not after a hand-back to the bot), for
/// escalations created in the period. Every score 1–5 is listed.
/// </summary>
public sealed record CsatFigures(int Asked, int Rated, double? ResponseRate, double? Average, IReadOnlyList<CsatScoreCount> Scores);

public sealed record CsatScoreCount(int Score, int Ratings, double Share);

/// <summary>
/// Wait (created until an agent accepted) and handle time (accepted until resolved or handed back), in seconds, for
/// escalations created in the period: all queues and per queue.
/// </summary>
public sealed record HandlingTimes(QueueHandlingTime All, IReadOnlyList<QueueHandlingTime> Queues);

/// <summary>
/// <paramref name="Accepted"/> escalations have a wait time, <paramref name="Handled"/> a handle time; averages are
/// null when there is none.
/// </summary>
public sealed record QueueHandlingTime(string Queue, int Escalations, int Accepted, double? AverageWaitSeconds, double? LongestWaitSeconds, int Handled, double? AverageHandleSeconds);

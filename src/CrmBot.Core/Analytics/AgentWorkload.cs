namespace CrmBot.Core.Analytics;

/// <summary>Per agent, the escalations created in the period that ended with them and the messages they wrote in it.</summary>
public sealed record AgentWorkload(IReadOnlyList<AgentLoad> Agents);

/// <summary>
/// One agent's share of the work. <paramref name="Assigned"/> escalations were last with the agent, of which they
/// accepted <paramref name="Accepted"/>, resolved <paramref name="Resolved"/> and handed <paramref name="HandedBack"/>
/// back to the bot. Handle time (seconds) and satisfaction are averages over those that have one.
/// </summary>
public sealed record AgentLoad(
    int AgentId, string Name, int Assigned, int Accepted, int Resolved, int HandedBack, double? AverageHandleSeconds,
    int Rated, double? AverageCsat, int Messages);

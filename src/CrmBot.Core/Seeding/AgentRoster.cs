using CrmBot.Core.Agents;

namespace CrmBot.Core.Seeding;

/// <summary>The demo support team: six agents whose skills cover every queue at least twice, so hand-off always has a second choice.</summary>
internal static class AgentRoster
{
    public static IReadOnlyList<Agent> Create() =>
    [
        Agent("Priya Shah", "orders,returns"),
        Agent("Tom Walker", "billing,accounts"),
        Agent("Sophie Turner", "technical,orders"),
        Agent("Daniel Okafor", "returns,billing"),
        Agent("Emma Clarke", "accounts,technical"),
        Agent("James Reid", "orders,returns,billing"),
    ];

    private static Agent Agent(string displayName, string skills) => new()
    {
        DisplayName = displayName,
        Email = $"{displayName.ToLowerInvariant().Replace(' ', '.')}@brightwave.example",
        Skills = skills,
        Capacity = 3,
        Presence = AgentPresence.Offline,
    };
}

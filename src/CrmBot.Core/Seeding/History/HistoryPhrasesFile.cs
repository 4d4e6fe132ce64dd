using CrmBot.Core.Handoff;

namespace CrmBot.Core.Seeding.History;

/// <summary>Schema of <c>Seeding/Data/history.yaml</c>: what customers and agents say in the demo history.</summary>
internal sealed record HistoryPhrasesFile
{
    public const string FileName = "history.yaml";

    /// <summary>First messages, by scenario, then by mood.</summary>
    public Dictionary<string, MoodLines> Openings { get; init; } = [];

    /// <summary>Named sets of customer lines (thanks, unhappy, order_number…).</summary>
    public Dictionary<string, List<string>> Lines { get; init; } = [];

    /// <summary>How customers word each return reason the order history records.</summary>
    public Dictionary<string, List<string>> ReturnReasons { get; init; } = [];

    public List<string> PaymentProblems { get; init; } = [];

    public KindWords Kinds { get; init; } = new();

    public AgentLines Agent { get; init; } = new();

    public CustomerWithAgentLines CustomerWithAgent { get; init; } = new();

    public List<string> Ratings { get; init; } = [];

    public sealed record MoodLines
    {
        public List<string> Calm { get; init; } = [];
        public List<string> Annoyed { get; init; } = [];
        public List<string> Angry { get; init; } = [];

        public IReadOnlyList<string> For(Mood mood) => mood switch
        {
            Mood.Angry when Angry.Count > 0 => Angry,
            Mood.Annoyed or Mood.Angry when Annoyed.Count > 0 => Annoyed,
            _ => Calm,
        };
    }

    public sealed record KindWords
    {
        public Dictionary<string, string> ByCategory { get; init; } = [];
        public Dictionary<string, string> ByTag { get; init; } = [];
    }

    public sealed record AgentLines
    {
        public List<string> Openers { get; init; } = [];
        public List<string> Checking { get; init; } = [];
        public Dictionary<string, List<string>> Fixes { get; init; } = [];
        public List<string> HandingBack { get; init; } = [];
    }

    public sealed record CustomerWithAgentLines
    {
        public MoodLines First { get; init; } = new();
        public List<string> Pleased { get; init; } = [];
        public List<string> Grudging { get; init; } = [];
        public List<string> Unhappy { get; init; } = [];
    }

    /// <summary>The lines that every conversation may need: a missing set fails seeding with its name, not a crash halfway.</summary>
    private static readonly string[] RequiredLines =
    [
        "greeting", "thanks", "bye", "accepting", "unhappy", "furious", "ask_person", "give_up", "order_number",
        "yes", "no", "resolved_no", "resolved_yes", "complaint_details", "tech_detail",
    ];

    public static HistoryPhrasesFile LoadEmbedded() => SeedYaml.ReadEmbedded<HistoryPhrasesFile>(FileName).Validate();

    public IReadOnlyList<string> Line(string name) =>
        Lines.TryGetValue(name, out var lines) ? lines : throw new InvalidOperationException($"{FileName} has no line set '{name}'.");

    private HistoryPhrasesFile Validate()
    {
        var problems = new List<string>();
        foreach (var scenario in Scenario.All.Select(s => s.Key).Where(k => !Openings.ContainsKey(k)))
        {
            problems.Add($"no openings for scenario '{scenario}'");
        }
        problems.AddRange(Openings.Where(o => o.Value.Calm.Count == 0).Select(o => $"scenario '{o.Key}' has no calm openings"));
        problems.AddRange(RequiredLines.Where(name => !Lines.TryGetValue(name, out var lines) || lines.Count == 0).Select(name => $"no lines '{name}'"));
        problems.AddRange(Dispositions.All.Select(d => d.Value).Where(d => !Agent.Fixes.TryGetValue(d, out var fixes) || fixes.Count == 0)
            .Select(d => $"no agent fixes for disposition '{d}'"));
        if (Agent.Openers.Count == 0 || Agent.Checking.Count == 0 || Agent.HandingBack.Count == 0) problems.Add("agent openers, checking and handingBack lines are required");
        if (CustomerWithAgent.First.Calm.Count == 0 || CustomerWithAgent.Pleased.Count == 0 || CustomerWithAgent.Grudging.Count == 0 || CustomerWithAgent.Unhappy.Count == 0)
            problems.Add("customerWithAgent needs first, pleased, grudging and unhappy lines");
        if (Ratings.Count == 0) problems.Add("no rating formats");
        if (PaymentProblems.Count == 0) problems.Add("no payment problems");
        return problems.Count == 0 ? this : throw new InvalidDataException($"{FileName}: {string.Join("; ", problems)}");
    }
}

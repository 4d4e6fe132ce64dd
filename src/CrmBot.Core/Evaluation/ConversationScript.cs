using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CrmBot.Core.Evaluation;

/// <summary>
/// One scripted customer conversation for <c>eval conversations</c>: who chats (a seeded customer's email, or null for
/// a guest), what the bot should end up doing (resolve it, or hand over to a person), and per customer message the
/// patterns the bot's replies must and must not contain.
/// </summary>
public sealed record ConversationScript(string Id, string? Customer, ExpectedOutcome Expect, IReadOnlyList<ScriptTurn> Turns, int Line)
{
    public string? Voice { get; init; }

    /// <summary>Reads one script per line (blank lines and lines starting with // are skipped); errors name the line.</summary>
    public static IReadOnlyList<ConversationScript> ReadJsonLines(string path)
    {
        var scripts = new List<ConversationScript>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            WireScript wire;
            try
            {
                wire = JsonSerializer.Deserialize<WireScript>(line, Json) ?? throw new JsonException("empty");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: not a conversation script ({e.Message}).");
            }
            if (string.IsNullOrWhiteSpace(wire.Id) || !ids.Add(wire.Id))
            {
                throw new InvalidDataException($"{path}:{number}: every conversation needs an id of its own ('{wire.Id}').");
            }
            var expect = wire.Expect switch
            {
                "resolved" => ExpectedOutcome.Resolved,
                "escalated" => ExpectedOutcome.Escalated,
                _ => throw new InvalidDataException($"{path}:{number}: expect must be \"resolved\" or \"escalated\", not '{wire.Expect}'."),
            };
            if (wire.Turns is not { Count: > 0 })
            {
                throw new InvalidDataException($"{path}:{number}: conversation {wire.Id} has no turns.");
            }
            var turns = wire.Turns.Select((t, i) => new ScriptTurn(
                t.Text ?? throw new InvalidDataException($"{path}:{number}: turn {i + 1} of {wire.Id} has no text."),
                Patterns(t.Match, path, number), Patterns(t.Not, path, number))).ToList();
            scripts.Add(new ConversationScript(wire.Id, string.IsNullOrWhiteSpace(wire.Customer) ? null : wire.Customer, expect, turns, number) { Voice = wire.Voice });
        }
        return scripts;
    }

    private static Regex[] Patterns(List<string>? patterns, string path, int line) =>
        (patterns ?? []).Select(p =>
        {
            try
            {
                return new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{path}:{line}: bad pattern '{p}': {e.Message}");
            }
        }).ToArray();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record WireScript(string? Id, string? Customer, string? Expect, string? Voice, List<WireTurn>? Turns);

    private sealed record WireTurn(string? Text, List<string>? Match, List<string>? Not);
}

public enum ExpectedOutcome
{
    Resolved,
    Escalated,
}

/// <summary>A customer message and what the bot's replies to it (joined, product suggestions as "Name (£price)" lines) must and must not contain.</summary>
public sealed record ScriptTurn(string Text, IReadOnlyList<Regex> Match, IReadOnlyList<Regex> Not);

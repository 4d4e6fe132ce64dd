using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Connector;
using CrmBot.BotFramework.Schema;

namespace CrmBot.Tests.BotFramework;

/// <summary>Every real payload survives parse + write with nothing lost (A2005: unknown fields must round-trip).</summary>
public sealed class SchemaRoundTripTests
{
    public static TheoryData<string> SampleFiles => [.. Samples.Files.Select(Path.GetFileName).OfType<string>()];

    [Fact]
    public void The_research_samples_are_present()
    {
        Assert.True(Samples.Files.Count() >= 7, $"Expected the protocol samples in {Samples.Directory}.");
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_payload_round_trips_without_losing_any_property(string file)
    {
        var original = JsonNode.Parse(Samples.Read(file))!.AsObject();

        var roundTripped = original switch
        {
            _ when original.ContainsKey("activities") => RoundTripActivitySet(original),
            _ when original.ContainsKey("type") => RoundTrip<Activity>(original),
            _ => RoundTrip<ConversationParameters>(original),
        };

        var differences = new List<string>();
        Compare(original, roundTripped, "$", differences);
        Assert.True(differences.Count == 0, $"{file}: {string.Join("; ", differences)}");
    }

    [Fact]
    public void Typed_fields_of_a_Teams_message_are_read()
    {
        var activity = JsonSerializer.Deserialize<Activity>(Samples.Read("teams-message-personal.json"), BotJson.Options)!;

        Assert.Equal("message", activity.Type);
        Assert.Equal("personal", activity.Conversation!.ConversationType);
        Assert.Equal("7faf8ab2-3d56-4244-b585-20c8a42ed2b8", activity.From!.AadObjectId);
        Assert.Equal("text/html", Assert.Single(activity.Attachments!).ContentType);
        Assert.Equal("clientInfo", Assert.Single(activity.Entities!)["type"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2017, 2, 1, 21, 10, 7, 437, TimeSpan.Zero), activity.Timestamp);
    }

    private static JsonNode RoundTrip<T>(JsonNode node) =>
        JsonSerializer.SerializeToNode(node.Deserialize<T>(BotJson.Options), BotJson.Options)!;

    private static JsonObject RoundTripActivitySet(JsonObject set)
    {
        var copy = set.DeepClone().AsObject();
        copy["activities"] = new JsonArray([.. set["activities"]!.AsArray().Select(a => RoundTrip<Activity>(a!))]);
        return copy;
    }

    /// <summary>
    /// Structural comparison. Timestamps compare by instant: System.Text.Json writes a UTC DateTimeOffset as
    /// <c>+00:00</c> where the channel wrote <c>Z</c>, the same moment (the spec's A2043 asks senders for <c>Z</c>).
    /// </summary>
    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    if (!a.TryGetPropertyValue(name, out var other))
                    {
                        differences.Add($"{path}.{name} lost");
                        continue;
                    }

                    Compare(value, other, $"{path}.{name}", differences);
                }

                differences.AddRange(a.Where(p => !e.ContainsKey(p.Key)).Select(p => $"{path}.{p.Key} added"));
                break;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path} has {a.Count} items instead of {e.Count}");
                    break;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }

                break;
            case (JsonValue e, JsonValue a) when SameInstant(e, a):
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: {expected?.ToJsonString()} became {actual?.ToJsonString()}");
                }

                break;
        }
    }

    private static bool SameInstant(JsonValue expected, JsonValue actual) =>
        expected.TryGetValue<string>(out var e) && actual.TryGetValue<string>(out var a)
        && e.Contains('T', StringComparison.Ordinal)
        && DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.None, out var left)
        && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.None, out var right)
        && left == right && left.Offset == right.Offset;
}

using System.Text.Json.Nodes;

namespace CrmBot.Tests.BotFramework;

/// <summary>The real Teams/Direct Line payloads of the protocol research, read in place (not copied into the repository).</summary>
public static class Samples
{
    public const string Directory = "/work/shared/research/samples";

    public static IEnumerable<string> Files => System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal);

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    /// <summary>A sample activity with its serviceUrl pointed at the fake channel.</summary>
    public static JsonObject Activity(string name, string serviceUrl)
    {
        var activity = JsonNode.Parse(Read(name))!.AsObject();
        activity["serviceUrl"] = serviceUrl;
        return activity;
    }
}

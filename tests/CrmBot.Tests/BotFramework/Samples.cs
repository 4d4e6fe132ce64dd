using System.Text.Json.Nodes;

namespace CrmBot.Tests.BotFramework;

/// <summary>The real Teams/Direct Line payloads of the protocol research, read in place (not copied into the repository).</summary>
public static class Samples
{
    /// <summary>The shared research folder sits beside the repository (../shared), wherever the repository is checked out.</summary>
    public static string Directory { get; } = FindSamples();

    private static string FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmBot.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "research", "samples"));
            }
        }
        throw new DirectoryNotFoundException("CrmBot.sln not found above the test folder, so ../shared/research/samples cannot be located.");
    }

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

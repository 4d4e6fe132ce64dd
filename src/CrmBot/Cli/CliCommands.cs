using System.CommandLine;
using CrmBot.Extensions;

namespace CrmBot.Cli;

/// <summary>The command-line verbs of the executable: chat, train, eval, seed, teams-manifest, staff, import.</summary>
public static class CliCommands
{
    private static readonly HashSet<string> Verbs = ["chat", "train", "eval", "seed", "teams-manifest", "staff", "import", "--help", "-h", "-?", "--version"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("CrmBot: AI customer-service assistant. Without a verb it runs the web service.")
        {
            ChatCommand.Create(),
            TrainCommand.Create(),
            EvalCommand.Create(),
            SeedCommand.Create(),
            TeamsManifestCommand.Create(),
            StaffCommand.Create(),
            ImportCommand.Create(),
        };
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>
    /// Builds the app's services without starting the web server. Logs go to standard error, so what a verb prints
    /// on standard output (a chat transcript, a JSON line) stays clean for scripts.
    /// </summary>
    /// <param name="overrides">Settings that win over appsettings.json and the environment (a verb's scratch data directory).</param>
    public static WebApplication BuildApp(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = CrmBotHost.CreateBuilder([]);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder.Build();
    }
}

using System.CommandLine;
using CrmBot.BotFramework.Authentication;
using CrmBot.BotFramework.Teams;
using Microsoft.Extensions.Options;

namespace CrmBot.Cli;

/// <summary>`teams-manifest`: writes the Teams app package (manifest + icons, zipped) to sideload or upload to the Teams admin centre.</summary>
public static class TeamsManifestCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--output") { Description = "Where to write the zip.", DefaultValueFactory = _ => new FileInfo("crmbot-teams.zip") };
        var website = new Option<string>("--website") { Description = "Public https address of the shop, shown in Teams.", DefaultValueFactory = _ => "https://brightwave.example" };
        var team = new Option<bool>("--team") { Description = "Also allow installing the bot in a team, which the agents' channel alerts (AgentAlerts:Teams) need." };
        var command = new Command("teams-manifest", "Write a sideloadable Microsoft Teams app package for the bot id in Bot:MicrosoftAppId.") { output, website, team };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = CliCommands.BuildApp();
            var bot = app.Services.GetRequiredService<IOptions<BotOptions>>().Value;
            if (string.IsNullOrWhiteSpace(bot.MicrosoftAppId))
            {
                Console.Error.WriteLine("Set Bot:MicrosoftAppId first (appsettings.json or CRMBOT_Bot__MicrosoftAppId): the package names the bot by its Azure app id.");
                return 2;
            }
            var site = parse.GetValue(website)!.TrimEnd('/');
            var package = new TeamsAppPackage
            {
                BotId = bot.MicrosoftAppId,
                ShortName = "Brightwave Help",
                FullName = "Brightwave Electronics customer support",
                ShortDescription = "Track orders, returns, invoices and product help.",
                FullDescription = "Chat with the Brightwave assistant to track orders, start returns and refunds, get invoices, fix payment problems and get product suggestions; it hands you to a person whenever you need one.",
                DeveloperName = "Brightwave Electronics",
                WebsiteUrl = site,
                PrivacyUrl = site + "/privacy",
                TermsOfUseUrl = site + "/terms",
                IncludeTeamScope = parse.GetValue(team),
            };
            var file = parse.GetValue(output)!;
            try
            {
                await package.WriteAsync(file.FullName, ct);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            Console.WriteLine($"Wrote {file.FullName}");
            return 0;
        });
        return command;
    }
}

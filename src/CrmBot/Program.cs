using CrmBot.Cli;
using CrmBot.Extensions;

// One executable: with a verb (chat, train, eval, seed) it is a command-line tool, otherwise the web service.
if (CliCommands.IsVerb(args))
{
    return await CliCommands.RunAsync(args);
}

var builder = CrmBotHost.CreateBuilder(args);
var app = builder.Build();
app.MapCrmBotEndpoints();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

using System.CommandLine;
using CrmBot.Extensions;

namespace CrmBot.Cli;

/// <summary>`train`: retrain the intent and sentiment models from dialogs/ and save them in the data directory, and recompute every customer profile.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Retrain the intent and sentiment models from the dialog files and recompute customer profiles (segments, churn risk, lifetime value), even if they look current.");
        command.SetAction(async (_, ct) =>
        {
            await using var app = CliCommands.BuildApp();
            await app.Services.GetRequiredService<AppInitializer>().InitializeAsync(retrainModels: true, ct);
            return 0;
        });
        return command;
    }
}

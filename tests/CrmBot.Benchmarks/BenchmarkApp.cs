using CrmBot.Extensions;

namespace CrmBot.Benchmarks;

/// <summary>The real app (services, SQLite store, trained models) in a temporary data directory, without the web server.</summary>
internal static class BenchmarkApp
{
    public static async Task<(WebApplication App, string DataDirectory)> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "crmbot-bench-" + Guid.NewGuid().ToString("N"));
        CopyTrainedModels(data);
        Environment.SetEnvironmentVariable(CrmBotHost.EnvironmentPrefix + "Storage__DataDirectory", data);
        // Benchmarks measure turns, not the demo history, which would add ~20 s to every start.
        Environment.SetEnvironmentVariable(CrmBotHost.EnvironmentPrefix + "DemoHistory__Days", "0");
        var builder = CrmBotHost.CreateBuilder([]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        await app.Services.GetRequiredService<AppInitializer>().InitializeAsync(retrainModels: false, CancellationToken.None);
        return (app, data);
    }

    /// <summary>
    /// Starts from the repository's trained models when there are any (data/models, made by `dotnet run` or `train`),
    /// so a benchmark does not spend a minute training; their data hash still decides whether they are current.
    /// </summary>
    private static void CopyTrainedModels(string data)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var models = Path.Combine(dir.FullName, "data", "models");
            if (File.Exists(Path.Combine(dir.FullName, "CrmBot.sln")) && Directory.Exists(models))
            {
                var target = Directory.CreateDirectory(Path.Combine(data, "models"));
                foreach (var file in Directory.EnumerateFiles(models))
                {
                    File.Copy(file, Path.Combine(target.FullName, Path.GetFileName(file)));
                }
                return;
            }
        }
    }

    public static async Task StopAsync(WebApplication app, string dataDirectory)
    {
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}

using CrmBot.Extensions;

namespace CrmBot.Benchmarks;

/// <summary>The real app (services, SQLite store, trained models) in a temporary data directory, without the web server.</summary>
internal static class BenchmarkApp
{
    public static async Task<(WebApplication App, string DataDirectory)> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "crmbot-bench-" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable(CrmBotHost.EnvironmentPrefix + "Storage__DataDirectory", data);
        var builder = CrmBotHost.CreateBuilder([]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        await app.Services.GetRequiredService<AppInitializer>().InitializeAsync(retrainModels: false, CancellationToken.None);
        return (app, data);
    }

    public static async Task StopAsync(WebApplication app, string dataDirectory)
    {
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}

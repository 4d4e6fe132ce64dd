namespace CrmBot.Extensions;

/// <summary>Runs <see cref="AppInitializer"/> before the web server starts listening, so no request meets an unready bot.</summary>
public sealed class AppInitializerService(AppInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.InitializeAsync(retrainModels: false, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

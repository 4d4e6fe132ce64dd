using CrmBot.Tests.Infrastructure;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// The real service as a separate process on a loopback port, with its own data directory: what a customer's browser
/// or a Direct Line client talks to. Started once for the real-client tests.
/// </summary>
public sealed class ServerProcessFixture : IAsyncLifetime
{
    private ServerProcess? _server;

    public string BaseUrl => _server?.BaseUrl ?? "";
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "crmbot-e2e-" + Guid.NewGuid().ToString("N"));

    /// <summary>The server's console output so far, for failure messages.</summary>
    public string Log => _server?.Log ?? "";

    // The browser tests chat as a seeded customer and sign in as demo staff: both are off in Production unless switched on.
    public async Task InitializeAsync() =>
        _server = await ServerProcess.StartAsync(DataDirectory, new Dictionary<string, string> { ["WebChat:DemoSignIn"] = "true", ["Staff:DemoPasswords"] = "true" });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        TestDirectories.Delete(DataDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerProcessFixture>
{
    public const string Name = "server process";
}

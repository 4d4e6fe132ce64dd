using CrmBot.Core.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using CrmBot.Core.Engine;

namespace CrmBot.Tests.Infrastructure;

/// <summary>
/// The real app on the suite's store (<see cref="TestDatabases"/>) with a temporary data directory: migrated, seeded and with trained models.
/// Shared by the integration tests (training and seeding once), each test using its own conversations.
/// </summary>
public sealed class CrmBotAppFixture : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "crmbot-tests-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The demo history costs a start ~20 s; the tests that look at it start their own app with it.
        builder.UseSetting("DemoHistory:Days", "0");
        foreach (var (key, value) in TestDatabases.SettingsFor(DataDirectory, seededAt: DateTimeOffset.UtcNow))
        {
            builder.UseSetting(key, value);
        }
    }

    public ConversationEngine Engine => Services.GetRequiredService<ConversationEngine>();

    /// <summary>A fresh database context for asserting what the store holds.</summary>
    public CrmDbContext NewDb() => Services.CreateScope().ServiceProvider.GetRequiredService<CrmDbContext>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestDirectories.Delete(DataDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<CrmBotAppFixture>
{
    public const string Name = "app";
}

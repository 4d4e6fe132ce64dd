using System.Net;
using System.Text.Json;
using CrmBot.Extensions;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmBot.Tests.Operations;

/// <summary>
/// The app as it is before start-up is done: the web server runs, none of CrmBot's own start-up work (migrate, seed,
/// load models) or background services has run. The test then runs the start-up itself.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HealthEndpointTests(CrmBotAppFixture trained) : IAsyncLifetime
{
    private HandoffApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new HandoffApp(HandoffApp.NewDataDirectory(trained), services: services =>
        {
            foreach (var own in services.Where(d => d.ServiceType == typeof(IHostedService) && IsCrmBots(d)).ToList())
            {
                services.Remove(own);
            }
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        TestDirectories.Delete(_app.DataDirectory);
    }

    [Fact]
    public async Task Ready_answers_503_until_start_up_is_done_while_live_answers_200_throughout()
    {
        var http = _app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var starting = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.StatusCode);
        var checks = JsonDocument.Parse(await starting.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("startup").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("models").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health")).StatusCode);

        await _app.Services.GetRequiredService<AppInitializer>().InitializeAsync(retrainModels: false, default);

        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal(new[] { "models", "startup", "store" }, checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    // Registered by CrmBot's own code (by type, or by a factory declared there); the web server and OpenTelemetry stay.
    private static bool IsCrmBots(ServiceDescriptor descriptor)
    {
        var type = descriptor.ImplementationType ?? descriptor.ImplementationFactory?.Method.DeclaringType;
        return type?.Assembly.GetName().Name?.StartsWith("CrmBot", StringComparison.Ordinal) == true;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Builder;
using CrmBot.BotFramework.DirectLine;
using CrmBot.Core.DirectLine;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmBot.Tests.DirectLine;

/// <summary>
/// A minimal host with our Direct Line server on real Kestrel (127.0.0.1, any free port), the real migrations on the
/// suite's store of <see cref="DataDirectory"/> (<see cref="TestDatabases"/>), and <see cref="EchoBot"/>. Start a second one on the same directory to
/// simulate a restart.
/// </summary>
public sealed class DirectLineTestServer : IAsyncDisposable
{
    public const string Secret = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private readonly WebApplication app;
    private readonly bool ownsDataDirectory;

    private DirectLineTestServer(WebApplication app, string dataDirectory, bool ownsDataDirectory, Uri baseAddress)
    {
        this.app = app;
        this.ownsDataDirectory = ownsDataDirectory;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    /// <summary>The activities the bot has handled so far.</summary>
    public IReadOnlyList<CrmBot.BotFramework.Schema.Activity> BotTurns => app.Services.GetRequiredService<BotTurnLog>().Turns;

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "crmbot-directline-" + Guid.NewGuid().ToString("N"));

    /// <summary>Starts on <paramref name="dataDirectory"/> (kept afterwards), or on a new temporary one deleted on dispose.</summary>
    public static async Task<DirectLineTestServer> StartAsync(
        string? dataDirectory = null, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var ownsDataDirectory = dataDirectory is null;
        dataDirectory ??= NewDataDirectory();
        Directory.CreateDirectory(dataDirectory);
        // The content root is the empty data folder, so no appsettings.json from the build output leaks in. Development
        // turns on the container's scope validation, which catches a singleton capturing a scoped service.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Development" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = Secret,
            ["DirectLine:MaxConversationsPerMinute"] = "10000",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        if (TestDatabases.OnPostgreSql)
        {
            // The PostgreSQL context carries the PostgreSQL migrations; the store code asks for CrmDbContext, as in the app.
            var connectionString = await TestDatabases.ConnectionStringForAsync(dataDirectory, seededAt: null);
            builder.Services.AddDbContext<PostgreSqlCrmDbContext>(o => o.UseNpgsql(connectionString));
            builder.Services.AddScoped<CrmDbContext>(sp => sp.GetRequiredService<PostgreSqlCrmDbContext>());
        }
        else
        {
            var database = Path.Combine(dataDirectory, "crmbot.db");
            builder.Services.AddDbContext<CrmDbContext>(o => o.UseSqlite($"Data Source={database};Default Timeout=30"));
        }
        // Scoped, as the app registers it: the server must work with a store of any lifetime.
        builder.Services.AddScoped<IDirectLineStore, EfDirectLineStore>();
        builder.Services.AddSingleton<BotTurnLog>();
        builder.Services.AddScoped<IBot, EchoBot>();
        builder.Services.AddDirectLine(builder.Configuration);

        var app = builder.Build();
        app.MapDirectLine();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Database.MigrateAsync();
        }
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new DirectLineTestServer(app, dataDirectory, ownsDataDirectory, new Uri(address));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? credential, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await Client.SendAsync(request);
    }

    /// <summary>A token for a new conversation, as the chat page's back end would get it.</summary>
    public async Task<JsonObject> GenerateTokenAsync(string? userId = "dl_alice")
    {
        var body = userId is null ? null : new JsonObject { ["User"] = new JsonObject { ["Id"] = userId } }.ToJsonString();
        using var response = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", Secret, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Generates a token and starts its conversation the way DirectLineJS does; returns the start answer.</summary>
    public async Task<JsonObject> StartConversationAsync(string? userId = "dl_alice")
    {
        var token = (string)(await GenerateTokenAsync(userId))["token"]!;
        using var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token, """{"user":{}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<string> PostMessageAsync(string token, string conversationId, string text, string? clientActivityId = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = "someone-else", ["name"] = "Alice", ["role"] = "user" },
            ["text"] = text,
            ["channelId"] = "webchat",
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId ?? Guid.NewGuid().ToString("N") },
        };
        using var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, activity.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public async Task<JsonObject> GetActivitiesAsync(string credential, string conversationId, string? watermark = "")
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", credential);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Polls (as DirectLineJS does) until <paramref name="done"/> holds for everything received so far.</summary>
    public async Task<List<JsonObject>> PollUntilAsync(string credential, string conversationId, Func<List<JsonObject>, bool> done, string watermark = "")
    {
        var received = new List<JsonObject>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var set = await GetActivitiesAsync(credential, conversationId, watermark);
            received.AddRange(set["activities"]!.AsArray().Select(a => a!.AsObject()));
            watermark = (string?)set["watermark"] ?? watermark;
            if (done(received))
            {
                return received;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting; received {received.Count} activities.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (ownsDataDirectory)
        {
            TestDirectories.Delete(DataDirectory);
        }
    }
}

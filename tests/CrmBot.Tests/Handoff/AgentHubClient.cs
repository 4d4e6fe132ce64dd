using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CrmBot.Core.Seeding;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmBot.Tests.Handoff;

/// <summary>
/// An agent console's live connection to the agent hub, signed in as that agent: keeps every event it is sent with
/// the escalation it is about (thread-safe: a concurrent queue).
/// </summary>
public sealed class AgentHubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<(string Event, int EscalationId)> _events = new();

    private AgentHubClient(HubConnection connection)
    {
        _connection = connection;
        connection.On<int, JsonElement>("message", (id, _) => _events.Enqueue(("message", id)));
        connection.On<int>("typing", id => _events.Enqueue(("typing", id)));
        connection.On<JsonElement>("escalationChanged", summary => _events.Enqueue(("escalationChanged", summary.GetProperty("id").GetInt32())));
    }

    public static async Task<AgentHubClient> ConnectAsync(HandoffApp app, string email, string password = StaffRoster.AgentPassword)
    {
        using var browser = new StaffBrowser(app);
        using var signedIn = await browser.PostLoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("crmbot.staff=", StringComparison.Ordinal));

        // Long polling over the in-memory test server; the console's cookie goes with every request.
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/agent"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        var client = new AgentHubClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>The events received so far about <paramref name="escalationId"/>, oldest first.</summary>
    public IReadOnlyList<string> EventsAbout(int escalationId) => [.. _events.Where(e => e.EscalationId == escalationId).Select(e => e.Event)];

    /// <summary>Waits up to 30 s for an event of kind <paramref name="kind"/> about <paramref name="escalationId"/>.</summary>
    public async Task WaitForAsync(string kind, int escalationId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!EventsAbout(escalationId).Contains(kind))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No {kind} event about escalation {escalationId} within 30 s");
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Handoff;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmBot.Tests.Supervision;

/// <summary>
/// A live view's connection to the supervisor hub, signed in as a member of staff: keeps every event it is sent with the
/// conversation it is about (thread-safe: concurrent queues).
/// </summary>
public sealed class SupervisorHubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private SupervisorHubClient(HubConnection connection)
    {
        _connection = connection;
        connection.On<JsonElement, bool>("conversation", (row, active) => Rows.Enqueue((row, active)));
        connection.On<JsonElement>("alert", alert => Alerts.Enqueue(alert));
        connection.On<Guid>("alertCleared", id => Cleared.Enqueue(id));
    }

    public ConcurrentQueue<(JsonElement Row, bool Active)> Rows { get; } = new();
    public ConcurrentQueue<JsonElement> Alerts { get; } = new();
    public ConcurrentQueue<Guid> Cleared { get; } = new();

    /// <summary>A connection as <paramref name="email"/>; starting it throws when the hub refuses (the status is in the exception).</summary>
    public static async Task<SupervisorHubClient> ConnectAsync(HandoffApp app, string email = StaffRoster.SupervisorEmail, string password = StaffRoster.SupervisorPassword)
    {
        using var browser = new StaffBrowser(app);
        using var signedIn = await browser.PostLoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("crmbot.staff=", StringComparison.Ordinal));
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/supervisor"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        var client = new SupervisorHubClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Rows received about one conversation, oldest first.</summary>
    public IReadOnlyList<(JsonElement Row, bool Active)> RowsOf(Guid conversationId) =>
        [.. Rows.Where(r => r.Row.GetProperty("id").GetGuid() == conversationId)];

    public IReadOnlyList<JsonElement> AlertsOf(Guid conversationId) =>
        [.. Alerts.Where(a => a.GetProperty("conversationId").GetGuid() == conversationId)];

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

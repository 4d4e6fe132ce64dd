using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// An agent's console on a real server process: signed in with the form (cookie kept), the agent API with the
/// antiforgery header, and the live connection to the agent hub (WebSockets), keeping what it is sent.
/// </summary>
public sealed partial class RemoteAgent : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly CookieContainer cookies = new();
    private HubConnection? hub;
    private string? csrf;

    private RemoteAgent(string baseUrl)
    {
        http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>The hub's <c>message</c> events as (escalation id, the message's JSON), in arrival order.</summary>
    public ConcurrentQueue<(int EscalationId, JsonElement Message)> HubMessages { get; } = new();

    public static async Task<RemoteAgent> SignInAsync(string baseUrl, string email, string password, CancellationToken ct)
    {
        var agent = new RemoteAgent(baseUrl);
        var html = await agent.http.GetStringAsync("/login", ct);
        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        using var signedIn = await agent.http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }), ct);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"Sign-in answered {(int)signedIn.StatusCode}");
        agent.csrf = (string)(await agent.GetJsonAsync("/api/agent/me", ct))["antiforgeryToken"]!;

        var cookieHeader = agent.cookies.GetCookieHeader(agent.http.BaseAddress!);
        agent.hub = new HubConnectionBuilder()
            .WithUrl(new Uri(agent.http.BaseAddress!, "/hubs/agent"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["Cookie"] = cookieHeader;
            })
            .Build();
        agent.hub.On<int, JsonElement>("message", (id, message) => agent.HubMessages.Enqueue((id, message)));
        await agent.hub.StartAsync(ct);
        return agent;
    }

    public async Task<JsonObject> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    public async Task<HttpStatusCode> PostAsync(string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (hub is not null) await hub.DisposeAsync();
        http.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

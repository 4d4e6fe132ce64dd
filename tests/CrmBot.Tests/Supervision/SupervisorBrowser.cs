using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Handoff;

namespace CrmBot.Tests.Supervision;

/// <summary>
/// A supervisor's browser on the live view: signed in, with the antiforgery token from <c>/api/supervisor/live/me</c>
/// sent on every POST as the page does.
/// </summary>
public sealed class SupervisorBrowser(StaffBrowser browser, HandoffApp app) : IDisposable
{
    public const string Live = "/api/supervisor/live";

    public HttpClient Client => browser.Client;

    public string? CsrfToken { get; private set; }

    public static async Task<SupervisorBrowser> SignInAsync(HandoffApp app, string email = StaffRoster.SupervisorEmail, string password = StaffRoster.SupervisorPassword)
    {
        var supervisor = new SupervisorBrowser(await StaffBrowser.SignInAsync(app, email, password), app);
        await supervisor.MeAsync();
        return supervisor;
    }

    public async Task<JsonObject> MeAsync()
    {
        var me = await GetJsonAsync(Live + "/me");
        CsrfToken = (string)me["antiforgeryToken"]!;
        return me;
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{app.Errors}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The live list with a query string as the page sends it (without the leading '?').</summary>
    public Task<JsonObject> ListAsync(string query = "") => GetJsonAsync(Live + "/" + (query.Length > 0 ? "?" + query : ""));

    /// <summary>The list's row for one conversation, or null when it is not listed.</summary>
    public async Task<JsonObject?> RowAsync(Guid conversationId, string query = "") =>
        (await ListAsync(query))["conversations"]!.AsArray().Select(r => r!.AsObject()).FirstOrDefault(r => (Guid)r["id"]! == conversationId);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, bool withCsrf = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (withCsrf)
        {
            request.Headers.Add("X-CSRF-TOKEN", CsrfToken ?? throw new InvalidOperationException("Call MeAsync first."));
        }
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> AssignAsync(Guid conversationId, int agentId) => PostAsync($"{Live}/conversations/{conversationId}/assign", new { agentId });

    public Task<HttpResponseMessage> TakeOverAsync(Guid conversationId) => PostAsync($"{Live}/conversations/{conversationId}/take-over");

    /// <summary>The problem detail of a refused call, for asserting the reason the page shows.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response) =>
        (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())?["detail"] ?? "";

    public void Dispose() => browser.Dispose();
}

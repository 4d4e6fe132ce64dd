using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CrmBot.Tests.Handoff;

/// <summary>
/// A staff member's browser on the back office: the sign-in form with its antiforgery token, then the agent API with
/// the <c>X-CSRF-TOKEN</c> header the console sends. Cookies are kept; redirects are returned, not followed.
/// </summary>
public sealed partial class StaffBrowser(HandoffApp app) : IDisposable
{
    private readonly HttpClient client = app.Browser();

    public HttpClient Client => client;

    /// <summary>The token from <c>/api/agent/me</c>, sent with every POST to the agent API.</summary>
    public string? CsrfToken { get; private set; }

    public int AgentId { get; private set; }

    public static async Task<StaffBrowser> SignInAsync(HandoffApp app, string email, string password)
    {
        var browser = new StaffBrowser(app);
        using var response = await browser.PostLoginAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {email} answered {(int)response.StatusCode}\n{app.Errors}");
        return browser;
    }

    /// <summary>Signs in and reads who the agent is and their antiforgery token, as the console does on load.</summary>
    public static async Task<StaffBrowser> AgentAsync(HandoffApp app, string email, string password = Core.Seeding.StaffRoster.AgentPassword)
    {
        var browser = await SignInAsync(app, email, password);
        await browser.MeAsync();
        return browser;
    }

    /// <summary>The hidden antiforgery field of a server-rendered page (sign-in form, signed-in page).</summary>
    public async Task<string> FormTokenAsync(string page = "/login")
    {
        var html = await client.GetStringAsync(page);
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"No antiforgery field on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<HttpResponseMessage> PostLoginAsync(string email, string password, string? returnUrl = null, bool withToken = true)
    {
        var fields = new Dictionary<string, string> { ["Email"] = email, ["Password"] = password };
        if (withToken)
        {
            fields["__RequestVerificationToken"] = await FormTokenAsync();
        }
        if (returnUrl is not null)
        {
            fields["ReturnUrl"] = returnUrl;
        }
        return await client.PostAsync("/login", new FormUrlEncodedContent(fields));
    }

    public async Task<JsonObject> MeAsync()
    {
        var me = await GetJsonAsync("/api/agent/me");
        CsrfToken = (string)me["antiforgeryToken"]!;
        AgentId = (int)me["agentId"]!;
        return me;
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{app.Errors}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A POST to the agent API as the console sends it: JSON body and the antiforgery header (unless told not to).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, bool withCsrf = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (withCsrf)
        {
            request.Headers.Add("X-CSRF-TOKEN", CsrfToken ?? throw new InvalidOperationException("Call MeAsync first."));
        }
        return client.SendAsync(request);
    }

    public async Task SetPresenceAsync(string presence)
    {
        using var response = await PostAsync("/api/agent/presence", new { presence });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public async Task<JsonObject> AcceptAsync(int escalationId)
    {
        using var response = await PostAsync($"/api/agent/escalations/{escalationId}/accept");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"accept answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{app.Errors}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<JsonObject> QueueAsync() => await GetJsonAsync("/api/agent/queue");

    public async Task<JsonObject> EscalationAsync(int escalationId) => await GetJsonAsync($"/api/agent/escalations/{escalationId}");

    /// <summary>Polls the escalation's transcript (as the console refetches it) until a message matches.</summary>
    public Task<JsonObject> WaitForTranscriptAsync(int escalationId, Func<JsonObject, bool> match, string what) =>
        Eventually.GetAsync(async () => (await EscalationAsync(escalationId))["transcript"]!.AsArray().Select(m => m!.AsObject()).FirstOrDefault(match), what);

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Agents;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmBot.Tests.Handoff;

/// <summary>
/// Who may reach the agent console and its API, and the cross-site request forgery and sign-in protections around
/// them, over HTTP against the real app configured as deployed (Production). Each test signs in as a different staff member.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaffAccessTests(CrmBotAppFixture trained, HandoffAppPerClass apps) : IClassFixture<HandoffAppPerClass>
{
    // The demo staff sign in with the README's passwords, which Production accepts only when switched on.
    private HandoffApp App => apps.Get(trained, Environments.Production, new Dictionary<string, string> { ["Staff:DemoPasswords"] = "true" });

    [Fact]
    public async Task Signed_out_visitor_gets_401_from_the_agent_api_and_hub_and_is_sent_to_sign_in_from_the_console()
    {
        using var browser = App.Browser();

        using var queue = await browser.GetAsync("/api/agent/queue");
        using var console = await browser.GetAsync("/agent");
        using var negotiate = await browser.PostAsync("/hubs/agent/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, queue.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.Equal("/login?ReturnUrl=%2Fagent", PathOf(console.Headers.Location!));
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task Supervisor_without_the_agent_role_is_refused_the_agent_api_console_and_hub()
    {
        using var olivia = await StaffBrowser.SignInAsync(App, StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);

        using var queue = await olivia.Client.GetAsync("/api/agent/queue");
        using var console = await olivia.Client.GetAsync("/agent");
        using var negotiate = await olivia.Client.PostAsync("/hubs/agent/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Forbidden, queue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, console.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
    }

    [Fact]
    public async Task Signed_in_agent_gets_their_profile_with_skills_dispositions_and_an_antiforgery_token()
    {
        using var sophie = await StaffBrowser.SignInAsync(App, "sophie.turner@brightwave.example", StaffRoster.AgentPassword);

        var me = await sophie.MeAsync();

        Assert.Equal("Sophie Turner", (string)me["displayName"]!);
        Assert.Equal(["technical", "orders"], me["skills"]!.AsArray().Select(s => (string)s!));
        Assert.Contains("solved", me["dispositions"]!.AsArray().Select(d => (string)d!["value"]!));
        Assert.False(string.IsNullOrEmpty(sophie.CsrfToken));
    }

    [Fact]
    public async Task Sign_in_without_the_form_token_is_rejected()
    {
        using var browser = new StaffBrowser(App);
        await browser.FormTokenAsync();

        using var response = await browser.PostLoginAsync("daniel.okafor@brightwave.example", StaffRoster.AgentPassword, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(SetsStaffCookie(response));
        using var queue = await browser.Client.GetAsync("/api/agent/queue");
        Assert.Equal(HttpStatusCode.Unauthorized, queue.StatusCode);
    }

    [Fact]
    public async Task Published_demo_passwords_do_not_sign_in_in_production_unless_switched_on()
    {
        var dataDirectory = HandoffApp.NewDataDirectory(trained);
        try
        {
            await using var production = new HandoffApp(dataDirectory, environment: Environments.Production);
            foreach (var (email, password) in new[]
            {
                (StaffRoster.AdminEmail, StaffRoster.AdminPassword),
                (StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword),
                ("daniel.okafor@brightwave.example", StaffRoster.AgentPassword),
            })
            {
                using var browser = new StaffBrowser(production);
                await browser.FormTokenAsync();

                using var response = await browser.PostLoginAsync(email, password);

                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Contains("do not match a staff account", await response.Content.ReadAsStringAsync());
            }
        }
        finally
        {
            TestDirectories.Delete(dataDirectory);
        }
    }

    [Fact]
    public async Task Sign_in_without_the_form_token_is_rejected_in_development_too()
    {
        var dataDirectory = HandoffApp.NewDataDirectory(trained);
        try
        {
            await using var development = new HandoffApp(dataDirectory, environment: Environments.Development);
            using var browser = new StaffBrowser(development);
            await browser.FormTokenAsync();

            using var response = await browser.PostLoginAsync("daniel.okafor@brightwave.example", StaffRoster.AgentPassword, withToken: false);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        finally
        {
            TestDirectories.Delete(dataDirectory);
        }
    }

    [Fact]
    public async Task Wrong_password_is_refused_without_a_session()
    {
        using var browser = new StaffBrowser(App);

        using var response = await browser.PostLoginAsync("james.reid@brightwave.example", "not-the-password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(SetsStaffCookie(response));
        Assert.Contains("do not match", await response.Content.ReadAsStringAsync());
        using var queue = await browser.Client.GetAsync("/api/agent/queue");
        Assert.Equal(HttpStatusCode.Unauthorized, queue.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        const string email = "lockout.test@brightwave.example";
        const string password = "a-long-enough-passphrase";
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var created = await users.CreateAsync(StaffRoster.NewUser("Lockout Test", email), password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        using (var before = new StaffBrowser(App))
        using (var signedIn = await before.PostLoginAsync(email, password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        using var browser = new StaffBrowser(App);
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await browser.PostLoginAsync(email, "guess-number-" + attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var right = await browser.PostLoginAsync(email, password);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.False(SetsStaffCookie(right));
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
        await using var check = App.Services.CreateAsyncScope();
        var user = await check.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
        Assert.True(user!.LockoutEnd > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Agent_api_changes_need_the_antiforgery_header()
    {
        using var emma = await StaffBrowser.AgentAsync(App, "emma.clarke@brightwave.example");

        using var without = await emma.PostAsync("/api/agent/presence", new { presence = "Available" }, withCsrf: false);
        var presenceAfterRefusal = (string)(await emma.MeAsync())["presence"]!;
        using var with = await emma.PostAsync("/api/agent/presence", new { presence = "Available" });
        var presenceAfterChange = (string)(await emma.MeAsync())["presence"]!;

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal("application/problem+json", without.Content.Headers.ContentType?.MediaType);
        Assert.Contains("antiforgery", (string)(await without.Content.ReadFromJsonAsync<JsonObject>())!["title"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Offline", presenceAfterRefusal);
        Assert.Equal(HttpStatusCode.NoContent, with.StatusCode);
        Assert.Equal("Available", presenceAfterChange);
    }

    [Fact]
    public async Task Sign_out_needs_the_form_token_and_then_ends_the_session()
    {
        using var tom = await StaffBrowser.AgentAsync(App, "tom.walker@brightwave.example");

        using var forged = await tom.Client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var stillSignedIn = await tom.Client.GetAsync("/api/agent/me");
        var token = await tom.FormTokenAsync("/login");
        using var signOut = await tom.Client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var afterwards = await tom.Client.GetAsync("/api/agent/me");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/login", PathOf(signOut.Headers.Location!));
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example", "/agent")]
    [InlineData("https://evil.example/agent", "/agent")]
    [InlineData("/\\evil.example", "/agent")]
    [InlineData("/\t/evil.example", "/agent")]
    [InlineData("/agent\r\nSet-Cookie: x=1", "/agent")]
    [InlineData("/agent?from=login", "/agent?from=login")]
    public async Task Sign_in_returns_only_to_pages_of_this_site(string returnUrl, string expected)
    {
        using var browser = new StaffBrowser(App);

        using var response = await browser.PostLoginAsync("sophie.turner@brightwave.example", StaffRoster.AgentPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    // The cookie handler's redirects are absolute (http://localhost/login?…); the app's own are relative.
    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static bool SetsStaffCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("crmbot.staff=", StringComparison.Ordinal));
}

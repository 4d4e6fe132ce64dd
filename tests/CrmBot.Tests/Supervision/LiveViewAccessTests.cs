using System.Net;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.Supervision;

/// <summary>
/// Who may reach the supervisor's live view, its API and its hub, over HTTP against the real app configured as
/// deployed (Production, demo passwords switched on): supervisors and admins, nobody else.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LiveViewAccessTests(CrmBotAppFixture trained, HandoffAppPerClass apps) : IClassFixture<HandoffAppPerClass>
{
    private const string Live = SupervisorBrowser.Live;
    private const string Negotiate = "/hubs/supervisor/negotiate?negotiateVersion=1";

    private HandoffApp App => apps.Get(trained, Environments.Production, new Dictionary<string, string> { ["Staff:DemoPasswords"] = "true" });

    [Fact]
    public async Task Signed_out_visitor_gets_401_from_the_api_and_hub_and_is_sent_to_sign_in_from_the_page()
    {
        using var browser = App.Browser();

        using var list = await browser.GetAsync(Live + "/");
        using var page = await browser.GetAsync("/supervisor");
        using var negotiate = await browser.PostAsync(Negotiate, null);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?ReturnUrl=%2Fsupervisor", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task Agent_is_refused_the_live_view_its_api_and_hub()
    {
        using var priya = await StaffBrowser.SignInAsync(App, "priya.shah@brightwave.example", StaffRoster.AgentPassword);

        using var list = await priya.Client.GetAsync(Live + "/");
        using var transcript = await priya.Client.GetAsync($"{Live}/conversations/{Guid.NewGuid()}/transcript");
        using var page = await priya.Client.GetAsync("/supervisor");
        using var negotiate = await priya.Client.PostAsync(Negotiate, null);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, transcript.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(async () => await SupervisorHubClient.ConnectAsync(App, "priya.shah@brightwave.example", StaffRoster.AgentPassword));
    }

    [Fact]
    public async Task Supervisor_gets_the_page_the_list_and_a_hub_connection()
    {
        using var olivia = await SupervisorBrowser.SignInAsync(App);

        using var page = await olivia.Client.GetAsync("/supervisor");
        var view = await olivia.ListAsync();
        await using var hub = await SupervisorHubClient.ConnectAsync(App);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<section id=\"live\"", await page.Content.ReadAsStringAsync());
        Assert.NotNull(view["conversations"]);
        Assert.Equal(-0.5, (double)view["settings"]!["alertThreshold"]!);
    }

    [Fact]
    public async Task Admin_may_use_the_live_view_too()
    {
        using var admin = await SupervisorBrowser.SignInAsync(App, StaffRoster.AdminEmail, StaffRoster.AdminPassword);

        var me = await admin.MeAsync();

        Assert.Equal("Site Admin", (string)me["displayName"]!);
        Assert.NotNull(await admin.ListAsync("escalatedOnly=true"));
    }

    [Fact]
    public async Task Actions_without_the_antiforgery_header_are_refused()
    {
        using var olivia = await SupervisorBrowser.SignInAsync(App);

        using var acknowledge = await olivia.PostAsync($"{Live}/alerts/1/acknowledge", withCsrf: false);
        using var assign = await olivia.PostAsync($"{Live}/conversations/{Guid.NewGuid()}/assign", new { agentId = 1 }, withCsrf: false);

        Assert.Equal(HttpStatusCode.BadRequest, acknowledge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, assign.StatusCode);
        Assert.Contains("antiforgery", await SupervisorBrowser.ProblemAsync(assign));
    }

    [Fact]
    public async Task Unknown_filters_are_refused_with_the_reason()
    {
        using var olivia = await SupervisorBrowser.SignInAsync(App);

        using var owner = await olivia.Client.GetAsync(Live + "/?owner=martians");
        using var sentiment = await olivia.Client.GetAsync(Live + "/?sentimentBelow=3");

        Assert.Equal(HttpStatusCode.BadRequest, owner.StatusCode);
        Assert.Contains("Owner is one of bot, waiting, agent", await owner.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, sentiment.StatusCode);
    }

    [Fact]
    public async Task Alert_settings_that_could_never_clear_stop_the_start()
    {
        var dataDirectory = HandoffApp.NewDataDirectory(trained);
        try
        {
            await using var app = new HandoffApp(dataDirectory, settings: new Dictionary<string, string> { ["Supervisor:RecoverAt"] = "-0.7" });

            var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Services);

            Assert.Contains("Supervisor:RecoverAt", error.Message);
        }
        finally
        {
            TestDirectories.Delete(dataDirectory);
        }
    }
}

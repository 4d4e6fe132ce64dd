using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace CrmBot.Tests.Analytics;

/// <summary>
/// The analytics API over HTTP against the real app as deployed (Production, demo passwords switched on), its store
/// seeded as on first start plus <see cref="AnalyticsScenario"/> in October 2024, before any seeded history.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AnalyticsApiTests(CrmBotAppFixture trained, AnalyticsApiTests.ScenarioApp scenarioApp) : IClassFixture<AnalyticsApiTests.ScenarioApp>
{
    private const string Weekend = "from=2024-10-26&to=2024-10-28";
    private const string Api = "/api/supervisor/analytics";

    public static readonly string[] Figures =
        ["sentiment-over-time", "sentiment-by-intent", "escalations", "containment", "csat", "handling-times", "busiest-hours", "negative-intents", "agent-workload", "suggestions"];

    private Task<HandoffApp> AppAsync() => scenarioApp.GetAsync(trained);

    [Fact]
    public async Task Signed_out_visitor_gets_401_from_the_analytics_and_is_sent_to_sign_in_from_the_dashboard()
    {
        using var browser = (await AppAsync()).Browser();

        using var page = await browser.GetAsync("/supervisor");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?ReturnUrl=%2Fsupervisor", new Uri(new Uri("http://localhost"), page.Headers.Location!).PathAndQuery);
        foreach (var figure in Figures.Append("filters"))
        {
            using var response = await browser.GetAsync($"{Api}/{figure}");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{figure} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Agent_is_refused_the_analytics_and_the_dashboard()
    {
        using var priya = await StaffBrowser.SignInAsync(await AppAsync(), "priya.shah@brightwave.example", StaffRoster.AgentPassword);

        using var page = await priya.Client.GetAsync("/supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        foreach (var figure in Figures.Append("filters"))
        {
            using var response = await priya.Client.GetAsync($"{Api}/{figure}?{Weekend}");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{figure} answered {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData(StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword)]
    [InlineData(StaffRoster.AdminEmail, StaffRoster.AdminPassword)]
    public async Task Supervisor_and_admin_get_the_dashboard_and_every_figure(string email, string password)
    {
        using var staff = await StaffBrowser.SignInAsync(await AppAsync(), email, password);

        using var page = await staff.Client.GetAsync("/supervisor");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"analytics\"", await page.Content.ReadAsStringAsync());
        foreach (var figure in Figures)
        {
            await staff.GetJsonAsync($"{Api}/{figure}?{Weekend}");
        }
    }

    [Fact]
    public async Task Supervisor_lands_on_the_dashboard_after_signing_in()
    {
        using var olivia = new StaffBrowser(await AppAsync());

        using var response = await olivia.PostLoginAsync(StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/supervisor", response.Headers.Location!.OriginalString);
        Assert.Contains("href=\"/supervisor\"", await olivia.Client.GetStringAsync("/login"));
    }

    [Fact]
    public async Task Figures_over_http_match_the_scenario_and_filters_narrow_them()
    {
        using var olivia = await SupervisorAsync();

        var containment = await olivia.GetJsonAsync($"{Api}/containment?{Weekend}");
        var teams = await olivia.GetJsonAsync($"{Api}/escalations?{Weekend}&channel=msteams");
        var loyal = await olivia.GetJsonAsync($"{Api}/sentiment-over-time?{Weekend}&segment=loyal");
        var hourly = await olivia.GetJsonAsync($"{Api}/sentiment-over-time?{Weekend}&granularity=hour");

        Assert.Equal((7, 3), ((int)containment["conversations"]!, (int)containment["contained"]!));
        Assert.Equal((2, 1), ((int)teams["conversations"]!, (int)teams["escalatedConversations"]!));
        Assert.Equal([3, 0, 0], loyal["buckets"]!.AsArray().Select(b => (int)b!["messages"]!));
        Assert.Equal("2024-10-26T00:00:00+01:00", (string)loyal["buckets"]![0]!["start"]!);
        Assert.Equal(73, hourly["buckets"]!.AsArray().Count);
    }

    [Fact]
    public async Task Filters_list_the_values_found_in_the_store_and_the_configured_queues()
    {
        using var olivia = await SupervisorAsync();

        var filters = await olivia.GetJsonAsync($"{Api}/filters");

        Assert.Contains("msteams", Strings(filters["channels"]));
        Assert.Contains("payment_issue", Strings(filters["intents"]));
        Assert.Contains("technical", Strings(filters["queues"]));
        Assert.Contains("loyal", Strings(filters["segments"]));
        Assert.Equal(["Standard", "Silver", "Gold", "Vip"], Strings(filters["tiers"]));
        Assert.Contains("Priya Analytics", filters["agents"]!.AsArray().Select(a => (string)a!["name"]!));
        Assert.Equal("Europe/London", (string)filters["timeZone"]!);
        Assert.Equal(30, DateOnly.Parse((string)filters["defaultTo"]!).DayNumber - DateOnly.Parse((string)filters["defaultFrom"]!).DayNumber + 1);
    }

    [Theory]
    [InlineData("containment?from=2024-10-28&to=2024-10-26", "from", "after")]
    [InlineData("containment?from=2023-01-01&to=2024-10-26", "to", "at most 366")]
    [InlineData("containment?from=26/10/2024", "from", "yyyy-MM-dd")]
    [InlineData("containment?to=9999-12-31", "to", "yyyy-MM-dd")]
    [InlineData("escalations?channel=carrier-pigeon", "channel", "carrier-pigeon")]
    [InlineData("csat?intent=order_pizza", "intent", "order_pizza")]
    [InlineData("handling-times?queue=nowhere", "queue", "nowhere")]
    [InlineData("agent-workload?agent=999999", "agent", "999999")]
    [InlineData("agent-workload?agent=tom", "agent", "tom")]
    [InlineData("sentiment-by-intent?segment=martians", "segment", "martians")]
    [InlineData("busiest-hours?tier=platinum", "tier", "Vip")]
    [InlineData("sentiment-over-time?granularity=minute", "granularity", "day or hour")]
    [InlineData("sentiment-over-time?from=2024-09-01&to=2024-10-28&granularity=hour", "granularity", "at most 31 days")]
    [InlineData("negative-intents?top=0", "top", "1 to 10")]
    [InlineData("negative-intents?top=11", "top", "1 to 10")]
    [InlineData("escalations?format=xml", "format", "json or csv")]
    public async Task Bad_input_is_answered_400_with_the_reason(string query, string parameter, string reason)
    {
        using var olivia = await SupervisorAsync();

        using var response = await olivia.Client.GetAsync($"{Api}/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var messages = Strings(problem["errors"]![parameter]);
        Assert.Contains(reason, Assert.Single(messages));
        Assert.Contains(reason, (string)problem["detail"]!);
    }

    [Fact]
    public async Task Every_figure_downloads_as_csv_with_the_rows_of_its_table()
    {
        using var olivia = await SupervisorAsync();

        foreach (var figure in Figures)
        {
            using var response = await olivia.Client.GetAsync($"{Api}/{figure}?{Weekend}&format=csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"{figure}_2024-10-26_2024-10-28.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
            var lines = Lines(await response.Content.ReadAsByteArrayAsync());
            Assert.True(lines.Length > 1, $"{figure}: only a header");
        }
        using var containment = await olivia.Client.GetAsync($"{Api}/containment?{Weekend}&format=csv");
        Assert.Equal(
            ["date,conversations,contained,escalated,containment_rate", "2024-10-26,3,2,1,0.6667", "2024-10-27,2,1,1,0.5", "2024-10-28,2,0,2,0", "all,7,3,4,0.4286"],
            Lines(await containment.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Negative_intents_csv_has_a_row_per_phrase_with_its_intents_figures()
    {
        using var olivia = await SupervisorAsync();

        using var response = await olivia.Client.GetAsync($"{Api}/negative-intents?{Weekend}&format=csv");

        var lines = Lines(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("intent,messages,negative_messages,negative_share,average_score,phrase,phrase_messages,phrase_share,phrase_share_elsewhere", lines[0]);
        Assert.Contains("payment_issue,3,3,1,-0.5667,charged twice,3,1,0", lines);
        Assert.Contains(lines, l => l.StartsWith("track_order,3,2,0.6667,-0.5,still not arrived,2,1,0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApi_document_describes_every_analytics_endpoint_with_its_filters()
    {
        using var client = (await AppAsync()).CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject();
        foreach (var figure in Figures.Append("filters"))
        {
            Assert.True(paths.ContainsKey($"{Api}/{figure}"), $"{figure} is not in the OpenAPI document");
        }
        var containment = paths[$"{Api}/containment"]!["get"]!;
        Assert.Equal(
            ["from", "to", "channel", "intent", "queue", "agent", "segment", "tier", "format"],
            containment["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.NotNull(containment["responses"]!["200"]!["content"]!["text/csv"]);
        Assert.NotNull(containment["responses"]!["400"]);
        Assert.Contains("granularity", paths[$"{Api}/sentiment-over-time"]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
    }

    private async Task<StaffBrowser> SupervisorAsync() =>
        await StaffBrowser.SignInAsync(await AppAsync(), StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToList();

    private static string[] Lines(byte[] csv)
    {
        var preamble = Encoding.UTF8.GetPreamble();
        Assert.True(csv.AsSpan().StartsWith(preamble), "CSV without a UTF-8 byte-order mark");
        return Encoding.UTF8.GetString(csv.AsSpan(preamble.Length)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The class's app, deployed-like, with the scenario added to its seeded store on first use.</summary>
    public sealed class ScenarioApp : IAsyncLifetime
    {
        private readonly HandoffAppPerClass apps = new();
        private HandoffApp? app;

        public async Task<HandoffApp> GetAsync(CrmBotAppFixture trained)
        {
            if (app is null)
            {
                var started = apps.Get(trained, Environments.Production, new Dictionary<string, string> { ["Staff:DemoPasswords"] = "true" });
                await using var db = started.NewDb();
                await new AnalyticsScenario(AnalyticsScenario.DaylightSavingEnd).AddToAsync(db);
                app = started;
            }
            return app;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public Task DisposeAsync() => apps.DisposeAsync();
    }
}

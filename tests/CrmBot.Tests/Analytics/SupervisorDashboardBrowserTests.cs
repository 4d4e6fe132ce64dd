using CrmBot.Tests.Infrastructure;
using CrmBot.Core.Analytics;
using CrmBot.Core.Storage;
using CrmBot.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrmBot.Tests.Analytics;

/// <summary>
/// The supervisor's analytics in Debian's chromium against the real server process: sign-in, charts drawn from the
/// store, a table view, a filter, and a screenshot. The store gets <see cref="AnalyticsScenario"/> in the last few days,
/// so the default period (the last 30 days) shows it whatever else the store holds.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SupervisorDashboardBrowserTests(ServerProcessFixture server)
{
    private const string SupervisorEmail = "olivia.bennett@brightwave.example";
    private const string SupervisorPassword = "demo-supervisor-2026";
    private const float Patience = 30_000;

    private static readonly string[] Figures =
        ["sentiment-over-time", "containment", "escalations", "sentiment-by-intent", "negative-intents", "csat", "handling-times", "busiest-hours", "agent-workload"];

    [Fact]
    public async Task Supervisor_signs_in_sees_charts_with_data_switches_to_a_table_and_filters_by_channel()
    {
        await AddScenarioAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowserTests.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.Dialog += (_, dialog) =>
        {
            problems.Add("dialog: " + dialog.Message);
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync(server.BaseUrl + "/supervisor");
        Assert.Contains("/login?ReturnUrl=%2Fsupervisor", page.Url);
        await page.FillAsync("#email", SupervisorEmail);
        await page.FillAsync("#password", SupervisorPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(server.BaseUrl + "/supervisor");

        // The live view is what a supervisor lands on; analytics is one tab away.
        await Assertions.Expect(page.Locator("#tab-live")).ToHaveAttributeAsync("aria-selected", "true");
        await page.ClickAsync("#tab-analytics");
        await Assertions.Expect(page.Locator("#tab-analytics")).ToHaveAttributeAsync("aria-selected", "true");
        Assert.True(await page.Locator("#live").IsHiddenAsync());
        foreach (var figure in Figures)
        {
            await page.Locator($"[data-figure='{figure}'][data-state='ready']").WaitForAsync(new() { Timeout = Patience });
        }
        foreach (var figure in Figures.Where(f => f != "busiest-hours"))
        {
            var points = await page.EvaluateAsync<int>(
                "name => window.Chart.getChart(document.querySelector(`[data-figure='${name}'] canvas`)).data.datasets.flatMap(d => d.data).filter(v => v).length",
                figure);
            Assert.True(points > 0, $"The {figure} chart has no data");
        }
        Assert.NotEqual(0, await page.Locator(".heatmap td[data-level='4']").CountAsync());
        await Assertions.Expect(page.Locator("[data-figure='negative-intents'] .phrase q", new() { HasText = "charged twice" })).ToBeVisibleAsync();
        var conversations = await page.Locator("[data-kpi='conversations'] .kpi-value").InnerTextAsync();
        Assert.True(int.Parse(conversations.Replace(",", "")) >= 7, $"{conversations} conversations");
        Assert.Contains("format=csv", await page.Locator("[data-figure='containment'] a.csv").GetAttributeAsync("href"));

        await page.ScreenshotAsync(new() { Path = WebChatBrowserTests.ScreenshotPath("supervisor-analytics.png") });
        await page.ScreenshotAsync(new() { Path = WebChatBrowserTests.ScreenshotPath("supervisor-analytics-full.png"), FullPage = true });

        // The table view of a chart: the same figures as rows a screen reader can walk.
        var sentiment = page.Locator("[data-figure='sentiment-over-time']");
        await sentiment.Locator(".view-toggle").ClickAsync();
        await Assertions.Expect(sentiment.Locator(".view-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(sentiment.Locator(".table-box table")).ToBeVisibleAsync();
        await Assertions.Expect(sentiment.Locator(".chart-box")).ToBeHiddenAsync();
        Assert.Equal(30, await sentiment.Locator(".table-box tbody tr").CountAsync());
        await sentiment.ScreenshotAsync(new() { Path = WebChatBrowserTests.ScreenshotPath("supervisor-analytics-table.png") });

        // Hourly buckets: every hour of the 30 days is a row, in the support team's time zone.
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var period = ReportPeriod.LastDays(30, DateTimeOffset.UtcNow, london);
        await page.SelectOptionAsync("#granularity", "hour");
        await sentiment.Locator(".table-box tbody tr").Nth((int)(period.End - period.Start).TotalHours - 1).WaitForAsync(new() { Timeout = Patience });
        Assert.Equal((int)(period.End - period.Start).TotalHours, await sentiment.Locator(".table-box tbody tr").CountAsync());
        await sentiment.Locator(".view-toggle").ClickAsync();
        await Assertions.Expect(sentiment.Locator(".chart-box")).ToBeVisibleAsync();
        await sentiment.ScreenshotAsync(new() { Path = WebChatBrowserTests.ScreenshotPath("supervisor-analytics-hourly.png") });

        // A filter narrows every figure; the address keeps it.
        await page.SelectOptionAsync("#filter-channel", "msteams");
        await page.ClickAsync("#apply-filters");
        await page.WaitForURLAsync(url => url.Contains("channel=msteams"));
        foreach (var figure in Figures)
        {
            await page.Locator($"[data-figure='{figure}'][data-state='ready'], [data-figure='{figure}'][data-state='empty']").WaitForAsync(new() { Timeout = Patience });
        }
        Assert.Equal("msteams", await page.InputValueAsync("#filter-channel"));

        if (Environment.GetEnvironmentVariable(HandoffBrowserTests.UpdateScreenshotsVariable) == "1")
        {
            File.Copy(WebChatBrowserTests.ScreenshotPath("supervisor-analytics.png"), RepositoryFile("tests", "e2e", "screenshots", "supervisor-analytics.png"), overwrite: true);
        }
        Assert.Empty(problems);
    }

    // The scenario four days ago, local midnight in London, written straight into the running server's store.
    private async Task AddScenarioAsync()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var today = ReportPeriod.Today(DateTimeOffset.UtcNow, london);
        var start = ReportPeriod.Of(today.AddDays(-4), today.AddDays(-4), london).Start;
        await using var db = TestDatabases.Open(server.DataDirectory);
        await new AnalyticsScenario(start, tag: "browser").AddToAsync(db);
    }

    private static string RepositoryFile(params string[] parts)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CrmBot.sln")))
        {
            folder = folder.Parent;
        }
        return Path.Combine([folder?.FullName ?? throw new DirectoryNotFoundException("CrmBot.sln not found above the test output."), .. parts]);
    }
}

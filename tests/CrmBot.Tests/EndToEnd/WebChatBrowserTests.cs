using Microsoft.Playwright;

namespace CrmBot.Tests.EndToEnd;

/// <summary>The customer page in Debian's chromium driven by Playwright: the official Web Chat on our Direct Line endpoint.</summary>
[Collection(ServerCollection.Name)]
public class WebChatBrowserTests(ServerProcessFixture server)
{
    public const string Chromium = "/usr/bin/chromium";

    // The flags this machine needs: no sandbox as root, and no background network calls the closed network refuses.
    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Chromium), $"Browser tests need Debian's chromium at {Chromium} (apt-get install chromium).");
        return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumFlags });
    }

    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    [Fact]
    public async Task Signed_in_customer_tracks_an_order_and_sees_product_cards_in_web_chat()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(server.BaseUrl + "/");
        await page.Locator("#customer option[value='alice.morgan@example.com']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#customer", "alice.morgan@example.com");
        await page.ClickAsync("#start");
        await page.GetByText("welcome back", new() { Exact = false }).First.WaitForAsync(new() { Timeout = 30_000 });

        var sendBox = page.GetByPlaceholder("Type your message…");
        await sendBox.FillAsync("where is my order BW-482913?");
        await sendBox.PressAsync("Enter");
        await page.GetByText("Tracking number", new() { Exact = false }).First.WaitForAsync(new() { Timeout = 30_000 });

        await sendBox.FillAsync("can you recommend some headphones?");
        await sendBox.PressAsync("Enter");
        // Alice is a known customer, so an open request gets the engine's picks for her ("Here are headphones picked for you:").
        await page.GetByText("picked for you", new() { Exact = false }).First.WaitForAsync(new() { Timeout = 30_000 });
        var cards = page.Locator(".webchat__carousel-filmstrip .ac-container");
        await cards.First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await cards.CountAsync() >= 1);
        Assert.Contains("£", await page.Locator(".webchat__carousel-filmstrip").InnerTextAsync());

        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("webchat-customer.png") });
        Assert.DoesNotContain(consoleErrors, e => !e.Contains("favicon", StringComparison.OrdinalIgnoreCase));
    }
}

using Microsoft.Playwright;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// The supervisor's live view in real browsers against the real server process: a customer gets angry in Web Chat,
/// the alert reaches the supervisor's page over the hub, the supervisor reads the transcript and gives the
/// conversation to an agent, who finds it in their console.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SupervisorLiveBrowserTests(ServerProcessFixture server)
{
    private const string SupervisorEmail = "olivia.bennett@brightwave.example";
    private const string SupervisorPassword = "demo-supervisor-2026";
    private const string AgentEmail = "james.reid@brightwave.example";
    private const string AgentPassword = "demo-agent-2026";
    private const string Markup = "<b>useless</b>";
    private const float Patience = 30_000;

    [Fact]
    public async Task Supervisor_sees_an_angry_chat_raise_an_alert_reads_the_transcript_and_assigns_it_to_an_agent()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowserTests.LaunchAsync(playwright);

        // An agent is at their desk, available.
        await using var agentContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var agent = await agentContext.NewPageAsync();
        await agent.GotoAsync(server.BaseUrl + "/agent");
        await agent.FillAsync("#email", AgentEmail);
        await agent.FillAsync("#password", AgentPassword);
        await agent.ClickAsync("#sign-in");
        await agent.WaitForURLAsync(server.BaseUrl + "/agent");
        await agent.Locator("#presence:not([disabled])").WaitForAsync();
        await agent.SelectOptionAsync("#presence", "Available");

        // The supervisor opens the live view, is sent to sign in, and comes back to it, connected.
        await using var supervisorContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var supervisor = await supervisorContext.NewPageAsync();
        var pageErrors = new List<string>();
        supervisor.PageError += (_, error) => pageErrors.Add(error);
        await supervisor.GotoAsync(server.BaseUrl + "/supervisor");
        Assert.Contains("/login?ReturnUrl=%2Fsupervisor", supervisor.Url);
        await supervisor.FillAsync("#email", SupervisorEmail);
        await supervisor.FillAsync("#password", SupervisorPassword);
        await supervisor.ClickAsync("#sign-in");
        await supervisor.WaitForURLAsync(server.BaseUrl + "/supervisor");
        await supervisor.Locator("#live-connection[data-state='live']").WaitForAsync(new() { Timeout = Patience });
        // Other tests chat as Alice too: this test's alert is the one that arrives after this count.
        var aliceAlerts = supervisor.Locator("#live-alerts li", new() { HasText = "Alice Morgan" });
        var alertsBefore = await aliceAlerts.CountAsync();

        // A customer gets angry in Web Chat.
        await using var customerContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var customer = await customerContext.NewPageAsync();
        await customer.GotoAsync(server.BaseUrl + "/");
        await customer.Locator("#customer option[value='alice.morgan@example.com']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await customer.SelectOptionAsync("#customer", "alice.morgan@example.com");
        await customer.ClickAsync("#start");
        await customer.GetByText("welcome back", new() { Exact = false }).First.WaitForAsync(new() { Timeout = Patience });
        var sendBox = customer.GetByPlaceholder("Type your message…");
        await sendBox.FillAsync($"This is absolutely ridiculous, my order never arrived and your service is {Markup}. I am furious!");
        await sendBox.PressAsync("Enter");

        // The alert appears in the supervisor's page, with the customer's name, and the row is marked.
        await Assertions.Expect(aliceAlerts).ToHaveCountAsync(alertsBefore + 1, new() { Timeout = Patience });
        var alert = supervisor.Locator("#live-alerts li[data-alert-id='" + await aliceAlerts.First.GetAttributeAsync("data-alert-id") + "']");
        var conversationId = await alert.GetAttributeAsync("data-conversation-id");
        var row = supervisor.Locator($"#live-rows tr.alerting[data-conversation-id='{conversationId}']");
        await row.WaitForAsync(new() { Timeout = Patience });
        await row.Locator(".sparkline circle.spark-last.negative").WaitForAsync();
        Assert.NotEqual("0", await supervisor.Locator("#live-alert-count").InnerTextAsync());
        // The page counts the beeps it played (or would have, muted); headless chromium has no speakers to check.
        Assert.True(int.Parse(await supervisor.Locator("#live [data-beeps]").GetAttributeAsync("data-beeps") ?? "0") >= 1);
        await supervisor.ScreenshotAsync(new() { Path = WebChatBrowserTests.ScreenshotPath("supervisor-live-alert.png"), FullPage = true });

        // One click opens the transcript: the customer's words as text, with intent and sentiment.
        await alert.Locator(".live-alert-open").ClickAsync();
        var message = supervisor.Locator("#live-messages .message.customer", new() { HasText = "I am furious" });
        await message.WaitForAsync(new() { Timeout = Patience });
        Assert.Contains(Markup, await message.Locator(".text").InnerTextAsync());
        Assert.Equal(0, await supervisor.Locator("#live-messages b").CountAsync());
        await message.Locator(".chip.intent").WaitForAsync();
        await message.Locator(".chip.sentiment.negative").WaitForAsync();

        // Assign it to James: the page says so, the row shows the offer, and James finds it in his console.
        var james = supervisor.Locator("#live-assign-agent option", new() { HasText = "James Reid" });
        await Assertions.Expect(james).ToBeEnabledAsync(new() { Timeout = Patience });
        await supervisor.SelectOptionAsync("#live-assign-agent", new SelectOptionValue { Label = await james.InnerTextAsync() });
        await supervisor.ClickAsync("#live-assign");
        await supervisor.Locator("#live-result", new() { HasText = "Offered to James Reid" }).WaitForAsync(new() { Timeout = Patience });
        await Assertions.Expect(row.Locator(".owner")).ToHaveTextAsync("Offered to James Reid", new() { Timeout = Patience });
        var reference = (await supervisor.Locator("#live-transcript-facts").InnerTextAsync()).Split(' ').First(w => w.StartsWith("ESC-", StringComparison.Ordinal));
        await agent.Locator($"#queue-mine [data-reference='{reference}']").WaitForAsync(new() { Timeout = Patience });
        await supervisor.ScreenshotAsync(new() { Path = WebChatBrowserTests.ScreenshotPath("supervisor-live-assigned.png"), FullPage = true });

        // Acknowledged, the alert leaves the list.
        await alert.Locator(".live-alert-ack").ClickAsync();
        await Assertions.Expect(alert).ToHaveCountAsync(0, new() { Timeout = Patience });

        // The agent goes offline again: the other browser tests share this server, and its router must not hand their
        // conversations to James.
        await agent.SelectOptionAsync("#presence", "Offline");
        await agent.Locator("#presence[data-presence='Offline']:not([disabled])").WaitForAsync(new() { Timeout = Patience });
        Assert.Empty(pageErrors);
    }
}

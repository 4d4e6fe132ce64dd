using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// The human hand-off in two real browsers: a customer in Web Chat and an agent in the console at /agent, against the
/// real server process (Identity sign-in, the agent API, the SignalR hub and Direct Line).
/// </summary>
[Collection(ServerCollection.Name)]
public partial class HandoffBrowserTests(ServerProcessFixture server)
{
    private const string AgentEmail = "priya.shah@brightwave.example";
    private const string AgentPassword = "demo-agent-2026";
    private const string Markup = "<img src=x onerror=alert(1)>";

    // Generous: the real server, two browsers and the bot's models share the machine with other test runs.
    private const float Patience = 30_000;

    [Fact]
    public async Task Customer_asks_for_a_person_and_an_agent_takes_over_resolves_and_gets_a_rating()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowserTests.LaunchAsync(playwright);

        // The customer signs in to the demo shop's chat and asks for a person; the bot answers with a reference.
        await using var customerContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var customer = await customerContext.NewPageAsync();
        await customer.GotoAsync(server.BaseUrl + "/");
        await customer.Locator("#customer option[value='alice.morgan@example.com']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await customer.SelectOptionAsync("#customer", "alice.morgan@example.com");
        await customer.ClickAsync("#start");
        await customer.GetByText("welcome back", new() { Exact = false }).First.WaitForAsync(new() { Timeout = Patience });
        var sendBox = customer.GetByPlaceholder("Type your message…");
        await SayAsync(sendBox, "I want to talk to a person");
        var referenceReply = customer.GetByText("Your reference is ESC-", new() { Exact = false }).First;
        await referenceReply.WaitForAsync(new() { Timeout = Patience });
        var reference = Reference().Match(await referenceReply.InnerTextAsync()).Value;
        Assert.NotEmpty(reference);
        await SayAsync(sendBox, Markup);
        await customer.GetByText("added your message", new() { Exact = false }).First.WaitForAsync(new() { Timeout = Patience });

        // The agent opens the console, is sent to sign in, comes back and goes Available.
        await using var agentContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var agent = await agentContext.NewPageAsync();
        var dialogs = new List<string>();
        var pageErrors = new List<string>();
        agent.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        agent.PageError += (_, error) => pageErrors.Add(error);
        await agent.GotoAsync(server.BaseUrl + "/agent");
        Assert.Contains("/login?ReturnUrl=%2Fagent", agent.Url);
        await agent.FillAsync("#email", AgentEmail);
        await agent.FillAsync("#password", AgentPassword);
        await agent.ClickAsync("#sign-in");
        await agent.WaitForURLAsync(server.BaseUrl + "/agent");
        await agent.Locator("#presence:not([disabled])").WaitForAsync();
        Assert.Equal("Priya Shah", await agent.Locator("#agent-name").InnerTextAsync());
        await agent.SelectOptionAsync("#presence", "Available");
        await agent.Locator("#connection[data-state='live']").WaitForAsync(new() { Timeout = Patience });

        // A person request with no topic waits in "general", which every agent serves: the router may already have
        // assigned it (My conversations) or it still waits (Waiting in my queues). Accept it from wherever it is.
        var escalation = agent.Locator($"[data-reference='{reference}']");
        await escalation.WaitForAsync(new() { Timeout = Patience });
        await escalation.Locator(".accept").ClickAsync(new() { Timeout = Patience });
        await agent.Locator("#send:not([disabled])").WaitForAsync(new() { Timeout = Patience });
        await agent.Locator($"#queue-mine [data-reference='{reference}'][data-status='Active']").WaitForAsync(new() { Timeout = Patience });

        // The customer's markup is shown as text: no element made from it, no script run.
        var markupMessage = agent.Locator("#transcript .message.customer", new() { HasText = Markup });
        await markupMessage.WaitForAsync();
        Assert.Equal(Markup, await markupMessage.Locator(".text").InnerTextAsync());
        Assert.Equal(0, await agent.Locator("img[src='x']").CountAsync());
        Assert.NotEqual(0, await agent.Locator("#transcript .message.customer .chip.intent").CountAsync());
        await Assertions.Expect(agent.Locator("#profile .profile-name")).ToHaveTextAsync("Alice Morgan", new() { Timeout = Patience });

        // The agent writes; the customer sees it in Web Chat under the agent's name.
        await agent.FillAsync("#reply", "Hi Alice, I'm Priya from the support team. I can help you with that.");
        await agent.PressAsync("#reply", "Enter");
        await customer.GetByText("Priya from the support team", new() { Exact = false }).First.WaitForAsync(new() { Timeout = Patience });
        await customer.Locator(".agent-status-name", new() { HasText = "Priya Shah" }).First.WaitForAsync(new() { Timeout = Patience });
        // The box clears when the send call returns, which may be after the customer already sees the message.
        await Assertions.Expect(agent.Locator("#reply")).ToHaveValueAsync("", new() { Timeout = Patience });

        // The customer types (the agent sees it), then sends; the message arrives live with its intent and sentiment.
        await sendBox.FillAsync("My headphones stopped working after a week, really disappointed");
        await agent.Locator("#typing").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Patience });
        await sendBox.PressAsync("Enter");
        var liveMessage = agent.Locator("#transcript .message.customer", new() { HasText = "stopped working after a week" });
        await liveMessage.WaitForAsync(new() { Timeout = Patience });
        await liveMessage.Locator(".sentiment").WaitForAsync();

        await agent.FillAsync("#reply", "I'm sorry to hear that. I've arranged a replacement pair; it ships today.");
        await agent.WaitForTimeoutAsync(1500); // suggestions follow the customer's latest message
        await agent.ScreenshotAsync(new() { Path = WebChatBrowserTests.ScreenshotPath("handoff-agent.png") });
        await agent.ClickAsync("#send");
        await customer.GetByText("arranged a replacement pair", new() { Exact = false }).First.WaitForAsync(new() { Timeout = Patience });

        // Resolve with a disposition: the console turns read-only, the customer is told and asked for a rating.
        await agent.ClickAsync("#resolve");
        await agent.SelectOptionAsync("#disposition", "replacement-sent");
        await agent.FillAsync("#resolve-note", "Faulty headphones, replacement sent");
        await agent.ClickAsync("#resolve-confirm");
        await agent.Locator("#closed-banner", new() { HasText = "Replacement sent" }).WaitForAsync(new() { Timeout = Patience });
        await Assertions.Expect(agent.Locator("#reply-form")).ToBeHiddenAsync(new() { Timeout = Patience });
        await Assertions.Expect(agent.Locator("#resolve")).ToBeHiddenAsync(new() { Timeout = Patience });

        await customer.GetByText("Priya Shah has left the chat", new() { Exact = false }).First.WaitForAsync(new() { Timeout = Patience });
        await customer.GetByText("rate the help you got", new() { Exact = false }).First.WaitForAsync(new() { Timeout = Patience });
        var ratings = customer.Locator(".webchat__suggested-actions button");
        await ratings.First.WaitForAsync(new() { Timeout = Patience });
        Assert.Equal(new[] { "1", "2", "3", "4", "5" }, (await ratings.AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());
        await ratings.Filter(new() { HasText = "5" }).ClickAsync();
        await customer.GetByText("Thank you for rating us 5/5", new() { Exact = false }).First.WaitForAsync(new() { Timeout = Patience });

        await customer.WaitForTimeoutAsync(500);
        await customer.ScreenshotAsync(new() { Path = WebChatBrowserTests.ScreenshotPath("handoff-customer.png") });
        if (Environment.GetEnvironmentVariable(UpdateScreenshotsVariable) == "1")
        {
            File.Copy(WebChatBrowserTests.ScreenshotPath("handoff-agent.png"), RepositoryPath("tests", "e2e", "screenshots", "agent-console.png"), overwrite: true);
        }

        Assert.Empty(dialogs);
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task Signed_out_visitor_is_sent_to_sign_in_and_the_agent_api_refuses_them()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowserTests.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync(server.BaseUrl + "/agent");
        Assert.Equal(server.BaseUrl + "/login?ReturnUrl=%2Fagent", page.Url);
        Assert.Equal(200, response!.Status);
        await page.Locator("#email").WaitForAsync();

        var queueStatus = await page.EvaluateAsync<int>("async () => (await fetch('/api/agent/queue')).status");
        Assert.Equal(401, queueStatus);
    }

    private static async Task SayAsync(ILocator sendBox, string text)
    {
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
    }

    /// <summary>Set to 1 to refresh the README's committed screenshot; otherwise a test run leaves the working tree alone.</summary>
    public const string UpdateScreenshotsVariable = "CRMBOT_UPDATE_SCREENSHOTS";

    // The committed screenshot the README shows lives in the repository, above the test output folder.
    private static string RepositoryPath(params string[] parts)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CrmBot.sln")))
        {
            folder = folder.Parent;
        }
        var root = folder?.FullName ?? throw new DirectoryNotFoundException("CrmBot.sln was not found above the test output folder.");
        var path = Path.Combine([root, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    [GeneratedRegex(@"ESC-[A-Z0-9]+")]
    private static partial Regex Reference();
}

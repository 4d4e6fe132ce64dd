using System.Text.RegularExpressions;
using CrmBot.Core.Llm;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using CrmBot.Tests.Llm;
using Microsoft.Playwright;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// The agent console with a language model configured: the real server process, pointed at <see cref="FakeModelServer"/>,
/// shows the hand-off summary and drafted replies, and a drafted reply goes into the reply box with one click.
/// </summary>
public sealed partial class LanguageModelBrowserTests(LanguageModelBrowserTests.ModelServerProcess server) : IClassFixture<LanguageModelBrowserTests.ModelServerProcess>
{
    private const float Patience = 30_000;
    private const string Drafted = "I'm sorry about the hinge, [CUSTOMER_NAME_1]. I can send a replacement pair today.";

    [Fact]
    public async Task Agent_sees_the_hand_off_summary_and_inserts_a_drafted_reply()
    {
        server.Model.Reset(r => r.Is(LlmPrompts.HandoffSummary)
                ? ModelReply.Say("""{"issue": "Broken hinge on new headphones", "tried": "Nothing yet", "mood": "frustrated", "open_questions": ["Which order?"]}""")
            : r.Is(LlmPrompts.ReplySuggestions) ? ModelReply.Say("{\"replies\": [\"" + Drafted + "\", \"Which order is it?\"]}")
            : ModelReply.Say("""{"intent": "none"}"""));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowserTests.LaunchAsync(playwright);

        await using var customerContext = await browser.NewContextAsync();
        var customer = await customerContext.NewPageAsync();
        await customer.GotoAsync(server.BaseUrl + "/");
        await customer.Locator("#customer option[value='alice.morgan@example.com']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await customer.SelectOptionAsync("#customer", "alice.morgan@example.com");
        await customer.ClickAsync("#start");
        await customer.GetByText("welcome back", new() { Exact = false }).First.WaitForAsync(new() { Timeout = Patience });
        var sendBox = customer.GetByPlaceholder("Type your message…");
        await sendBox.FillAsync("I want to talk to a person about my broken headphones");
        await sendBox.PressAsync("Enter");
        var referenceReply = customer.GetByText("Your reference is ESC-", new() { Exact = false }).First;
        await referenceReply.WaitForAsync(new() { Timeout = Patience });
        var reference = Reference().Match(await referenceReply.InnerTextAsync()).Value;

        await using var agentContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var agent = await agentContext.NewPageAsync();
        await agent.GotoAsync(server.BaseUrl + "/agent");
        await agent.FillAsync("#email", "priya.shah@brightwave.example");
        await agent.FillAsync("#password", "demo-agent-2026");
        await agent.ClickAsync("#sign-in");
        await agent.WaitForURLAsync(server.BaseUrl + "/agent");
        await agent.Locator("#presence:not([disabled])").WaitForAsync();
        await agent.SelectOptionAsync("#presence", "Available");
        var escalation = agent.Locator($"[data-reference='{reference}']");
        await escalation.WaitForAsync(new() { Timeout = Patience });
        await escalation.Locator(".accept").ClickAsync(new() { Timeout = Patience });
        await agent.Locator("#send:not([disabled])").WaitForAsync(new() { Timeout = Patience });

        await Assertions.Expect(agent.Locator("#brief")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(agent.Locator("#brief-body")).ToContainTextAsync("Broken hinge on new headphones");
        await Assertions.Expect(agent.Locator("#brief-body")).ToContainTextAsync("Which order?");
        var drafted = agent.Locator("#suggestions .suggestion.drafted").First;
        await Assertions.Expect(drafted).ToContainTextAsync("I'm sorry about the hinge, Alice Morgan.");
        await drafted.Locator("button.insert").ClickAsync();
        await Assertions.Expect(agent.Locator("#reply")).ToHaveValueAsync("I'm sorry about the hinge, Alice Morgan. I can send a replacement pair today.");
    }

    [GeneratedRegex(@"ESC-[A-Z0-9]+")]
    private static partial Regex Reference();

    /// <summary>The fake model and a server process configured to use it, on a data directory with the repository's trained models.</summary>
    public sealed class ModelServerProcess : IAsyncLifetime
    {
        private ServerProcess? _server;
        private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "crmbot-e2e-llm-" + Guid.NewGuid().ToString("N"));

        public FakeModelServer Model { get; } = new();

        public string BaseUrl => _server?.BaseUrl ?? "";

        public async Task InitializeAsync()
        {
            await Model.InitializeAsync();
            // The repository's models (data/models); a stale copy is retrained at start, which only takes longer.
            var models = Path.Combine(CrmBotPaths.RepositoryRoot(AppContext.BaseDirectory)!, "data", "models");
            Directory.CreateDirectory(Path.Combine(_dataDirectory, "models"));
            foreach (var file in Directory.Exists(models) ? Directory.GetFiles(models) : [])
            {
                File.Copy(file, Path.Combine(_dataDirectory, "models", Path.GetFileName(file)));
            }
            var settings = new Dictionary<string, string>
            {
                ["WebChat:DemoSignIn"] = "true",
                ["Staff:DemoPasswords"] = "true",
                ["DemoHistory:Days"] = "0",
                ["Llm:Provider"] = "openai-compatible",
                ["Llm:Endpoint"] = Model.BaseUrl + "/v1",
                ["Llm:Model"] = "fake-model",
                ["Llm:ApiKey"] = "test-key",
            };
            // The team is on duty around the clock: opening hours are not what this test is about.
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                settings[$"Escalation:OpeningHours:{day}"] = "00:00-23:59:59.9999999";
            }
            _server = await ServerProcess.StartAsync(_dataDirectory, settings);
        }

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
            await Model.DisposeAsync();
            TestDirectories.Delete(_dataDirectory);
        }
    }
}

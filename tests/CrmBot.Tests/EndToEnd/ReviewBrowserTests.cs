using CrmBot.Tests.Infrastructure;
using CrmBot.Core.Conversations;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using CrmBot.Core.Review;
using CrmBot.Core.Customers;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// The review panel (js/supervisor/review.js) in a real browser against the real server: a supervisor finds a
/// conversation, reads it with its labels and corrects a message. The panel mounts into any page's
/// <c>&lt;section id="review"&gt;</c>; until the supervisor dashboard exists, the test gives the signed-in page one.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ReviewBrowserTests(ServerProcessFixture server)
{
    private const string Markup = "<img src=x onerror=\"window.reviewXss=1\">";
    private const float Patience = 30_000;

    [Fact]
    public async Task Supervisor_finds_a_conversation_reads_its_labels_and_corrects_a_message_whose_markup_stays_text()
    {
        var (conversationId, messageId) = await StoreConversationAsync($"{Markup} my parcel zebra-crossing never came, where is it?");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WebChatBrowserTests.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        await page.GotoAsync(server.BaseUrl + "/login");
        await page.FillAsync("#email", StaffRoster.SupervisorEmail);
        await page.FillAsync("#password", StaffRoster.SupervisorPassword);
        await page.ClickAsync("#sign-in");
        // Supervisors land on their dashboard; the review panel is its Review tab.
        await page.WaitForURLAsync(server.BaseUrl + "/supervisor");
        await page.ClickAsync("#tab-review");
        await page.Locator("#review select[name='intent'] option[value='track_order']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Patience });

        await page.FillAsync("#review input[name='text']", "zebra-crossing");
        await page.SelectOptionAsync("#review select[name='intent']", "track_order");
        await page.ClickAsync("#review button[type='submit']");
        // The panel listed every conversation when it opened; the search narrows the list to the one that matches.
        await Assertions.Expect(page.Locator("#review .review-status")).ToHaveTextAsync("1 conversation found.", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#review tbody tr")).ToHaveCountAsync(1);
        var row = page.Locator($"#review tr[data-id='{conversationId}']");
        await row.Locator(".review-open").ClickAsync();

        var customerMessage = page.Locator($"#review .review-message.customer[data-message-id='{messageId}']");
        await customerMessage.WaitForAsync(new() { Timeout = Patience });
        Assert.StartsWith(Markup, await customerMessage.Locator(".review-text").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#review img").CountAsync());
        Assert.DoesNotContain("null", await page.Locator("#review .review-transcript").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("track_order · 91%", await customerMessage.Locator(".review-chip.intent").InnerTextAsync());
        Assert.Contains("negative", await customerMessage.Locator(".review-chip.sentiment").InnerTextAsync(), StringComparison.Ordinal);

        await customerMessage.Locator(".review-correct").ClickAsync();
        await customerMessage.Locator("select[name='intent']").SelectOptionAsync("missing_parcel");
        await customerMessage.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(customerMessage.Locator(".review-corrected")).ToContainTextAsync("Corrected to missing_parcel by Olivia Bennett", new() { Timeout = Patience });
        await page.ScreenshotAsync(new() { Path = WebChatBrowserTests.ScreenshotPath("supervisor-review.png"), FullPage = true });

        await using var db = OpenStore();
        var correction = await db.LabelCorrections.SingleAsync(c => c.InteractionId == messageId);
        Assert.Equal(("missing_parcel", null, "Olivia Bennett"), (correction.Intent, correction.SentimentLabel, correction.CorrectedByName));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.reviewXss ?? null"));
        Assert.Empty(pageErrors);
    }

    private CrmDbContext OpenStore() =>
        TestDatabases.Open(server.DataDirectory);

    /// <summary>A finished conversation of Alice's in the server's store: her message as the engine annotates one, and the bot's reply.</summary>
    private async Task<(Guid Conversation, long Message)> StoreConversationAsync(string text)
    {
        await using var db = OpenStore();
        var alice = await db.Customers.SingleAsync(c => c.Email == DemoDataSeeder.DemoCustomerEmail);
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(at),
            Channel = "directline",
            ChannelConversationId = "review-" + Guid.NewGuid().ToString("N"),
            CustomerId = alice.Id,
            StartedAt = at,
            LastActivityAt = at,
            Status = ConversationStatus.Closed,
            Topic = "track_order",
            Sentiment = -0.6,
        };
        var message = new Interaction
        {
            Conversation = conversation,
            Direction = InteractionDirection.Inbound,
            Author = InteractionAuthor.Customer,
            Text = text,
            Timestamp = at,
            Intent = "track_order",
            Confidence = 0.91,
            SentimentScore = -0.62,
            SentimentLabel = "negative",
            HandledBy = "track_order",
        };
        db.Interactions.Add(message);
        db.Interactions.Add(new Interaction
        {
            Conversation = conversation,
            Direction = InteractionDirection.Outbound,
            Author = InteractionAuthor.Bot,
            Timestamp = at.AddSeconds(1),
            Text = "Sure. Which order is it? Pick one below or type the number (BW-123456).",
            HandledBy = "track_order",
        });
        await db.SaveChangesAsync();
        return (conversation.Id, message.Id);
    }
}

using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Engine;
using CrmBot.Core.Escalations;
using CrmBot.Core.Orders;
using CrmBot.Core.Privacy;
using CrmBot.Core.Products;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Privacy;

/// <summary>A verified customer asks the bot for their data and to be forgotten, through the real engine; the store is checked afterwards.</summary>
[Collection(AppCollection.Name)]
public sealed partial class PrivacyChatTests(CrmBotAppFixture trained, SeededApp seeded) : IClassFixture<SeededApp>
{
    private const string Alice = DemoDataSeeder.DemoCustomerEmail;

    [Fact]
    public async Task Verified_customer_gets_a_private_link_to_a_zip_of_their_data()
    {
        var app = await seeded.FreshAsync(trained);
        var chat = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);

        var reply = await chat.ReplyToAsync("I'd like a copy of all the personal data you hold about me");

        var token = Link().Match(reply);
        Assert.True(token.Success, reply);
        using var client = app.CreateClient();
        using var response = await client.GetAsync(PrivacyDesk.ExportPath + token.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["escalations.csv", "messages.csv", "orders.csv", "personal-data.json", "profile.csv", "suggestions.csv"], zip.Entries.Select(e => e.Name).Order());
        var json = await new StreamReader(zip.GetEntry("personal-data.json")!.Open()).ReadToEndAsync();
        Assert.Contains(Alice, json);
        Assert.Contains("27 Portland Street", json);
        Assert.Contains("BW-482913", json);
        Assert.Contains("copy of all the personal data you hold about me", json);
        Assert.Contains("\"marketing\": true", json);
        Assert.DoesNotContain(DemoDataSeeder.DemoVipEmail, json);
        var orders = await new StreamReader(zip.GetEntry("orders.csv")!.Open()).ReadToEndAsync();
        Assert.Contains("BW-482913", orders);

        await using var db = app.NewDb();
        var request = await db.PrivacyRequests.SingleAsync();
        Assert.Equal((PrivacyRequestKind.Export, "customer", "test", 1), (request.Kind, request.RequestedBy, request.Channel, request.Downloads));
        Assert.DoesNotContain(token.Groups[1].Value, request.TokenHash);
    }

    [Fact]
    public async Task Download_links_refuse_guesses_tampering_expiry_and_overuse()
    {
        var app = await seeded.FreshAsync(trained);
        var chat = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);
        var token = Link().Match(await chat.ReplyToAsync("send me a copy of all my data")).Groups[1].Value;
        using var client = app.CreateClient();
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PrivacyDesk.ExportPath + tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PrivacyDesk.ExportPath + "not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PrivacyDesk.ExportPath + Convert.ToBase64String(new byte[32]).TrimEnd('=').Replace('/', '_').Replace('+', '-'))).StatusCode);

        var desk = app.Services.GetRequiredService<PrivacyDesk>();
        await using (var db = app.NewDb())
        {
            Assert.Null(await desk.RedeemAsync(db, token, DateTimeOffset.UtcNow + desk.Options.ExportLinkLifetime + TimeSpan.FromMinutes(1), default));
        }
        for (int i = 0; i < desk.Options.ExportLinkMaxDownloads; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(PrivacyDesk.ExportPath + token)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PrivacyDesk.ExportPath + token)).StatusCode);
    }

    [Fact]
    public async Task A_link_names_one_customer_and_stops_working_once_they_are_erased()
    {
        var app = await seeded.FreshAsync(trained);
        var engine = app.Services.GetRequiredService<ConversationEngine>();
        var alice = Link().Match(await (await ChatSession.AsCustomerAsync(engine, Alice)).ReplyToAsync("send me a copy of all my data")).Groups[1].Value;
        var victor = Link().Match(await (await ChatSession.AsCustomerAsync(engine, DemoDataSeeder.DemoVipEmail)).ReplyToAsync("send me a copy of all my data")).Groups[1].Value;
        using var client = app.CreateClient();

        var victorsZip = await client.GetByteArrayAsync(PrivacyDesk.ExportPath + victor);
        Assert.Contains(DemoDataSeeder.DemoVipEmail, Json(victorsZip));
        Assert.DoesNotContain(Alice, Json(victorsZip));

        await using (var db = app.NewDb())
        {
            var id = await db.Customers.Where(c => c.Email == Alice).Select(c => c.Id).SingleAsync();
            await app.Services.GetRequiredService<PrivacyDesk>().EraseNowAsync(db, id, PrivacyRequester.AdminApi("test-admin"), DateTimeOffset.UtcNow, default);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(PrivacyDesk.ExportPath + alice)).StatusCode);
    }

    [Fact]
    public async Task Erasure_asked_in_chat_is_confirmed_twice_scheduled_and_carried_out_after_the_grace_period()
    {
        var app = await seeded.FreshAsync(trained);
        var chat = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), Alice);
        await chat.SayAsync("hi, it's Alice Morgan from M1 4BT, call me on 07700 900123");
        var first = await chat.ReplyToAsync("I want to delete my account");
        Assert.Contains("Do you want to delete your account?", first);
        var second = await chat.ReplyToAsync("yes");
        Assert.Contains("can't be undone", second);
        await using (var db = app.NewDb())
        {
            Assert.Null((await db.Customers.SingleAsync(c => c.Email == Alice)).MarkedForDeletionAt);
        }
        var done = await chat.ReplyToAsync("yes");
        Assert.Contains("marked for deletion", done);

        var (before, orders) = await ArrangeHistoryAsync(app, chat);
        var sweep = app.Services.GetRequiredService<ScheduledErasure>();
        Assert.Equal(0, await sweep.SweepAsync(default));
        await using (var db = app.NewDb())
        {
            var request = await db.PrivacyRequests.SingleAsync();
            Assert.Equal((PrivacyRequestKind.Erasure, PrivacyRequestStatus.Scheduled), (request.Kind, request.Status));
            Assert.Equal(30, (int)Math.Round((request.DueAt!.Value - request.RequestedAt).TotalDays));
            await db.Customers.Where(c => c.Id == before.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.MarkedForDeletionAt, DateTimeOffset.UtcNow.AddDays(-31)));
        }

        Assert.Equal(1, await sweep.SweepAsync(default));

        await ErasureChecks.NothingPersonalLeftAsync(app, before, orders);
        await using var after = app.NewDb();
        var carriedOut = await after.PrivacyRequests.SingleAsync();
        Assert.Equal(PrivacyRequestStatus.Completed, carriedOut.Status);
        Assert.Contains("orders kept without the customer", carriedOut.Outcome);
    }

    /// <summary>An agent's note naming the customer and a product suggestion shown to her, beside the chat's own messages.</summary>
    public static async Task<(Customer Before, IReadOnlyList<string> Orders)> ArrangeHistoryAsync(HandoffApp app, ChatSession chat)
    {
        await using var db = app.NewDb();
        var alice = await db.Customers.AsNoTracking().SingleAsync(c => c.Email == Alice);
        var conversationId = chat.StoredConversationId!.Value;
        var agent = await db.Agents.FirstAsync();
        var escalation = Escalation.Open("ESC-PRIV01", conversationId, alice.Id, EscalationReason.CustomerRequest, "asked for a person", "accounts", "delete_account", 3, 0, DateTimeOffset.UtcNow);
        escalation.Accept(agent.Id, DateTimeOffset.UtcNow);
        escalation.Resolve(DateTimeOffset.UtcNow, "solved", "Called Alice Morgan on 07700 900123 about 27 Portland Street, M1 4BT.");
        db.Escalations.Add(escalation);
        db.RecommendationEvents.Add(new RecommendationEvent { CustomerId = alice.Id, ConversationId = conversationId, ProductId = (await db.Products.FirstAsync()).Id, Strategy = "test", ShownAt = DateTimeOffset.UtcNow });
        db.Interactions.Add(new Interaction { ConversationId = conversationId, Direction = InteractionDirection.Outbound, Author = InteractionAuthor.Bot, Text = "Thanks Alice, your parcel goes to 27 Portland Street, Manchester M1 4BT.", Timestamp = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return (alice, await db.Orders.Where(o => o.CustomerId == alice.Id).Select(o => o.Number).ToListAsync());
    }

    private static string Json(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        return new StreamReader(zip.GetEntry("personal-data.json")!.Open()).ReadToEnd();
    }

    [GeneratedRegex(@"/privacy/exports/([A-Za-z0-9_\-]{43})")]
    private static partial Regex Link();
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Customers;
using CrmBot.Core.Engine;
using CrmBot.Core.Privacy;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Privacy;

/// <summary>The admin's export and erase endpoints: who may call them, what they do, and the request log.</summary>
[Collection(AppCollection.Name)]
public sealed class PrivacyAdminApiTests(CrmBotAppFixture trained, SeededApp seeded) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task Admin_exports_and_erases_a_customer_and_both_are_logged()
    {
        var app = await seeded.FreshAsync(trained);
        var chat = await ChatSession.AsCustomerAsync(app.Services.GetRequiredService<ConversationEngine>(), DemoDataSeeder.DemoCustomerEmail);
        await chat.SayAsync("where is my order BW-482913? I'm Alice Morgan, M1 4BT");
        var (alice, orders) = await PrivacyChatTests.ArrangeHistoryAsync(app, chat);
        using var admin = await StaffBrowser.SignInAsync(app, StaffRoster.AdminEmail, StaffRoster.AdminPassword);

        using var export = await admin.Client.GetAsync($"/api/admin/privacy/customers/{alice.Id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var zip = new ZipArchive(await export.Content.ReadAsStreamAsync()))
        {
            var json = await new StreamReader(zip.GetEntry("personal-data.json")!.Open()).ReadToEndAsync();
            Assert.Contains(alice.Email, json);
            Assert.Contains("ESC-PRIV01", json);
        }
        var token = (string)(await admin.GetJsonAsync("/api/admin/privacy/requests"))["antiforgeryToken"]!;
        using var erase = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/privacy/customers/{alice.Id}/erase");
        erase.Headers.Add("X-CSRF-TOKEN", token);
        using var erased = await admin.Client.SendAsync(erase);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var counts = (await erased.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(orders.Count, (int)counts["orders"]!);

        await ErasureChecks.NothingPersonalLeftAsync(app, alice, orders);
        using var again = await admin.Client.GetAsync($"/api/admin/privacy/customers/{alice.Id}/export");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var log = (await admin.GetJsonAsync("/api/admin/privacy/requests"))["requests"]!.AsArray();
        Assert.Equal(["Refused Export", "Completed Erasure", "Completed Export"], log.Select(r => $"{r!["status"]} {r["kind"]}"));
        Assert.All(log, r => Assert.Equal(("admin", "api"), ((string)r!["requestedBy"]!, (string)r["channel"]!)));
        Assert.DoesNotContain(alice.Email, log.ToJsonString());
    }

    [Fact]
    public async Task Only_admins_reach_the_privacy_api()
    {
        var app = await seeded.FreshAsync(trained);
        await using var db = app.NewDb();
        var victor = await db.Customers.Where(c => c.Email == DemoDataSeeder.DemoVipEmail).Select(c => c.Id).SingleAsync();
        using var anonymous = app.Browser();
        using var supervisor = await StaffBrowser.SignInAsync(app, StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);
        using var agent = await StaffBrowser.SignInAsync(app, "priya.shah@brightwave.example", StaffRoster.AgentPassword);
        using var admin = await StaffBrowser.SignInAsync(app, StaffRoster.AdminEmail, StaffRoster.AdminPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/admin/privacy/customers/{victor}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/admin/privacy/customers/{victor}/erase", null)).StatusCode);
        foreach (var staff in new[] { supervisor, agent })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync($"/api/admin/privacy/customers/{victor}/export")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync("/api/admin/privacy/requests")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.PostAsync($"/api/admin/privacy/customers/{victor}/erase", null)).StatusCode);
        }
        // An admin's cookie alone does not erase: a cross-site form cannot carry the antiforgery header.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.PostAsync($"/api/admin/privacy/customers/{victor}/erase", null)).StatusCode);
        await using var after = app.NewDb();
        Assert.Null((await after.Customers.SingleAsync(c => c.Id == victor)).ErasedAt);
        Assert.False(await after.PrivacyRequests.AnyAsync());
    }
}

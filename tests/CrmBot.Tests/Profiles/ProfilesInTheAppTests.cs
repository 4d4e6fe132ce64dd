using System.Text.Json.Nodes;
using CrmBot.Cli;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Seeding;
using CrmBot.Intelligence.Profiles;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Profiles;

/// <summary>Profiles in the running app: filled on a fresh seeded start, measured by <c>eval churn</c>, shown on the agent desk.</summary>
[Collection(AppCollection.Name)]
public sealed class ProfilesInTheAppTests(CrmBotAppFixture app) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("crmbot-eval-churn-").FullName;

    [Fact]
    public async Task A_fresh_seeded_store_starts_with_every_customer_profiled()
    {
        await using var db = app.NewDb();
        var customers = await db.Customers.AsNoTracking().ToListAsync();

        Assert.All(customers, c => Assert.NotNull(c.ProfiledAt));
        Assert.All(customers, c => Assert.Contains(c.Segment, SegmentNaming.All));
        Assert.True(customers.Select(c => c.Segment).Distinct().Count() >= 3);
        Assert.Contains(customers, c => ChurnRiskLevels.Of(c.ChurnRisk) == ChurnLevel.High);
        Assert.Contains(customers, c => ChurnRiskLevels.Of(c.ChurnRisk) == ChurnLevel.Low);
        var alice = customers.Single(c => c.Email == DemoDataSeeder.DemoCustomerEmail);
        Assert.NotNull(alice.ChurnRisk);
        Assert.True(alice.OrderCount > 0 && alice.NetSpend > 0 && alice.LastOrderAt is not null);
        Assert.True(alice.LifetimeValue >= alice.NetSpend);
    }

    [Fact]
    public async Task Eval_churn_prints_every_classifier_and_the_baseline_with_json_on_the_last_line()
    {
        var telco = TelcoCustomer.Read(TelcoCustomerTests.WriteSynthetic(directory, 200));
        var output = new StringWriter();

        var exit = await EvalChurnCommand.RunAsync(app.Services, telco, "synthetic-telco.csv", folds: 3, json: true, output, default);

        Assert.Equal(0, exit);
        var lines = output.ToString().Trim().Split('\n');
        Assert.Contains(lines, l => l.Contains("always \"no\" (baseline)"));
        var json = JsonNode.Parse(lines[^1])!;
        foreach (var set in new[] { "store", "telco" })
        {
            var models = json[set]!["models"]!.AsObject();
            Assert.Equal(Enum.GetNames<ChurnAlgorithm>().Order(), models.Select(m => m.Key).Order());
            Assert.All(models, m => Assert.InRange((double)m.Value!["auc"]!, 0.6, 1));
            Assert.All(models, m => Assert.InRange((double)m.Value!["f1"]!, 0, 1));
            Assert.Equal(0.0, (double)json[set]!["baseline"]!["f1"]!);
            Assert.Equal(1 - (double)json[set]!["churnedShare"]!, (double)json[set]!["baseline"]!["accuracy"]!, 3);
        }
        Assert.Equal(200, (int)json["telco"]!["rows"]!);
    }

    [Fact]
    public async Task Eval_churn_refuses_fewer_than_two_folds() =>
        Assert.Equal(2, await CliCommands.RunAsync(["eval", "churn", "--folds", "1"]));

    [Fact]
    public async Task The_agent_desk_shows_segment_churn_level_and_rfm()
    {
        await using var shop = await ProfiledShop.BuildAsync();
        var customerId = shop.Stopped[0];
        await using (var db = shop.Store.Open())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
            await shop.Store.ConversationAsync(customer, 0, -0.4, topic: "complaint", escalated: true);
        }

        await using var read = shop.Store.Open();
        var escalation = await read.Escalations.SingleAsync(e => e.CustomerId == customerId);
        var detail = await app.Services.GetRequiredService<AgentDesk>().DetailAsync(read, escalation.Id, default);

        var profile = detail!.Profile!;
        var stored = await read.Customers.SingleAsync(c => c.Id == customerId);
        Assert.Equal(stored.Segment, profile.Segment);
        Assert.Equal(stored.ChurnRisk, profile.ChurnRisk);
        Assert.Equal(nameof(ChurnLevel.High), profile.ChurnLevel);
        Assert.Equal(stored.OrderCount, profile.OrderCount);
        Assert.True(profile.OrderCount > 10);
        Assert.Equal(stored.NetSpend, profile.NetSpend);
        Assert.Equal(stored.LastOrderAt, profile.LastOrderAt);
        Assert.Equal(stored.LifetimeValue, profile.LifetimeValue);
        Assert.NotNull(profile.ProfiledAt);
    }

    public void Dispose() => TestDirectories.Delete(directory);
}

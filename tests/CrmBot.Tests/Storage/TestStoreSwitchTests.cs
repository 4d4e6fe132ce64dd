using CrmBot.Core.Customers;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Tests.Storage;

/// <summary>The suite runs on the store <c>CRMBOT_TEST_STORE</c> names.</summary>
[Collection(AppCollection.Name)]
public sealed class TestStoreSwitchTests(CrmBotAppFixture trained)
{
    [Fact]
    public async Task The_shared_app_runs_on_the_store_the_switch_names()
    {
        await using var shared = trained.NewDb();
        Assert.Equal(TestDatabases.OnPostgreSql, shared.Database.IsNpgsql());
        Assert.Equal(TestDatabases.OnPostgreSql, shared is PostgreSqlCrmDbContext);
        Assert.True(await shared.Customers.AnyAsync(), "The shared app's store is seeded.");
    }
}

using Bogus;
using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using CrmBot.Core.Conversations;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Escalations;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Review;

namespace CrmBot.Core.Seeding;

/// <summary>
/// Fills an empty CRM store with Brightwave Electronics' demo data: catalogue and knowledge base from the embedded YAML,
/// about 1,000 customers, 10,000 orders over the last two years, and the support team.
/// The random sequence is fixed; timestamps are relative to the start of the current UTC day from the
/// <see cref="TimeProvider"/>, so the same day always gives the same data. Stateless, safe as a singleton.
/// </summary>
public sealed class DemoDataSeeder(TimeProvider timeProvider)
{
    public const string DemoCustomerEmail = "alice.morgan@example.com";
    public const string DemoVipEmail = "victor.hale@example.com";

    public const string DemoProcessingOrderNumber = "BW-204817";
    public const string DemoShippedOrderNumber = "BW-482913";
    /// <summary>Delivered within the last 30 days: still returnable.</summary>
    public const string DemoRecentDeliveredOrderNumber = "BW-356120";
    /// <summary>Delivered more than 30 days ago: outside the change-of-mind return window.</summary>
    public const string DemoOlderDeliveredOrderNumber = "BW-318842";
    public const string DemoCancelledOrderNumber = "BW-297305";
    public const string DemoReturnedOrderNumber = "BW-441276";
    public const string DemoRefundedOrderNumber = "BW-275559";

    /// <summary>The fixed start of every random sequence of the demo data, the conversation history's included.</summary>
    internal const int Seed = 20140401;
    private const int GeneratedCustomers = 998;
    private const int TargetOrders = 10_000;

    private static readonly string[] DemoOrderNumbers =
    [
        DemoProcessingOrderNumber, DemoShippedOrderNumber, DemoRecentDeliveredOrderNumber, DemoOlderDeliveredOrderNumber,
        DemoCancelledOrderNumber, DemoReturnedOrderNumber, DemoRefundedOrderNumber,
    ];

    /// <summary>Seeds the store if it has no customers yet; otherwise changes nothing and reports what is there.</summary>
    public async Task<SeedSummary> SeedAsync(CrmDbContext db, CancellationToken ct)
    {
        var started = timeProvider.GetTimestamp();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (await db.Customers.AnyAsync(ct)) return await CountAsync(db, seeded: false, timeProvider.GetElapsedTime(started), ct);
        await WriteAsync(db, ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return await CountAsync(db, seeded: true, timeProvider.GetElapsedTime(started), ct);
    }

    /// <summary>Deletes every row of the store, conversations and escalations included, and seeds it again, in one transaction.</summary>
    public async Task<SeedSummary> ResetAsync(CrmDbContext db, CancellationToken ct)
    {
        var started = timeProvider.GetTimestamp();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // Children before parents, so the order is valid even where a foreign key does not cascade.
        await db.LabelCorrections.ExecuteDeleteAsync(ct);
        await db.Interactions.ExecuteDeleteAsync(ct);
        await db.Escalations.ExecuteDeleteAsync(ct);
        await db.RecommendationEvents.ExecuteDeleteAsync(ct);
        await db.Conversations.ExecuteDeleteAsync(ct);
        await db.ChannelAccounts.ExecuteDeleteAsync(ct);
        await db.OrderLines.ExecuteDeleteAsync(ct);
        await db.Orders.ExecuteDeleteAsync(ct);
        await db.Customers.ExecuteDeleteAsync(ct);
        await db.Products.ExecuteDeleteAsync(ct);
        await db.ProductCategories.ExecuteDeleteAsync(ct);
        await db.KnowledgeArticles.ExecuteDeleteAsync(ct);
        await db.Agents.ExecuteDeleteAsync(ct);
        await db.UserRoles.ExecuteDeleteAsync(ct);
        await db.Users.ExecuteDeleteAsync(ct);
        await db.Roles.ExecuteDeleteAsync(ct);
        // Generated keys would otherwise continue from the old rows, and docs rely on Alice being customer 1.
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_sequence", ct);
        }
        else
        {
            await RestartIdentitiesAsync(db, ct);
        }
        db.ChangeTracker.Clear();
        await WriteAsync(db, ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return await CountAsync(db, seeded: true, timeProvider.GetElapsedTime(started), ct);
    }

    /// <summary>
    /// PostgreSQL: starts the identity column of every table the reset emptied at 1 again (an identity's sequence
    /// ignores DELETE). Tables that still hold rows (channel logs, the inbox) keep counting.
    /// </summary>
    private static async Task RestartIdentitiesAsync(CrmDbContext db, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var entityType in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && t.BaseType is null))
        {
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            if (entityType.FindPrimaryKey()?.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd } key] || (key.ClrType != typeof(int) && key.ClrType != typeof(long)))
            {
                continue;
            }
            var name = sql.DelimitIdentifier(table.Name, table.Schema);
            // Table and column names come from the model, not from input.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM {name}) THEN ALTER TABLE {name} ALTER COLUMN {sql.DelimitIdentifier(key.GetColumnName(table)!)} RESTART WITH 1; END IF; END $$", ct);
#pragma warning restore EF1002
        }
    }

    private async Task WriteAsync(CrmDbContext db, CancellationToken ct)
    {
        var now = ReferenceTime();
        var catalog = CatalogFile.LoadEmbedded();
        var knowledge = KnowledgeBaseFile.LoadEmbedded();
        var random = new Randomizer(Seed);

        var products = catalog.ToProducts();
        var articles = knowledge.ToArticles(now);
        foreach (var article in articles) article.UpdatedAt = now - TimeSpan.FromDays(random.Double(3, 400));
        db.ProductCategories.AddRange(catalog.ToCategories());
        db.Products.AddRange(products);
        db.KnowledgeArticles.AddRange(articles);
        var agents = AgentRoster.Create();
        var (users, userRoles) = StaffRoster.Create(agents);
        db.Roles.AddRange(StaffRoster.Roles());
        db.Users.AddRange(users);
        db.UserRoles.AddRange(userRoles);
        db.Agents.AddRange(agents);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var customers = CreateCustomers(random, now);
        var orders = CreateOrders(random, now, customers, products);
        foreach (var group in orders.Where(o => o.Status != OrderStatus.Cancelled).GroupBy(o => o.Customer!))
            group.Key.LifetimeValue = group.Sum(o => o.Total);

        await using (var insertCustomer = await BulkInserter<Customer>.PrepareAsync(db, ct))
        {
            foreach (var customer in customers) customer.Id = (int)await insertCustomer.InsertAsync(customer, ct);
        }
        await using var insertOrder = await BulkInserter<Order>.PrepareAsync(db, ct);
        await using var insertLine = await BulkInserter<OrderLine>.PrepareAsync(db, ct);
        foreach (var order in orders)
        {
            order.CustomerId = order.Customer!.Id;
            order.Customer = null;
            order.Id = (int)await insertOrder.InsertAsync(order, ct);
            foreach (var line in order.Lines)
            {
                line.OrderId = order.Id;
                line.Id = (int)await insertLine.InsertAsync(line, ct);
            }
        }
    }

    private static List<Customer> CreateCustomers(Randomizer random, DateTimeOffset now)
    {
        var generator = new CustomerGenerator(random, now);
        var customers = new List<Customer>(GeneratedCustomers + 2)
        {
            generator.Reserve(DemoCustomers.Alice(now)),
            generator.Reserve(DemoCustomers.Victor(now)),
        };
        for (var i = 0; i < GeneratedCustomers; i++) customers.Add(generator.Create());
        return customers;
    }

    private static List<Order> CreateOrders(Randomizer random, DateTimeOffset now, List<Customer> customers, IReadOnlyList<Product> products)
    {
        var generator = new OrderGenerator(random, now, products, DemoOrderNumbers);
        var orders = new List<Order>(TargetOrders + 100);
        orders.AddRange(DemoCustomers.AliceOrders(customers[0], generator, products, now).ToList());
        orders.AddRange(DemoCustomers.VictorOrders(customers[1], generator, now).ToList());
        orders.AddRange(OrderHistory.Create(random, generator, products, now, customers.Skip(2).ToList(), TargetOrders - orders.Count));
        return [.. orders.OrderBy(o => o.PlacedAt).ThenBy(o => o.Number, StringComparer.Ordinal)];
    }

    private static async Task<SeedSummary> CountAsync(CrmDbContext db, bool seeded, TimeSpan elapsed, CancellationToken ct) => new(
        seeded,
        await db.Customers.CountAsync(ct),
        await db.Products.CountAsync(ct),
        await db.Orders.CountAsync(ct),
        await db.KnowledgeArticles.CountAsync(ct),
        await db.Agents.CountAsync(ct),
        elapsed);

    private DateTimeOffset ReferenceTime() => new(timeProvider.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
}

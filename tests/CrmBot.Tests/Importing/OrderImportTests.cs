using CrmBot.Core.Customers;
using CrmBot.Core.Importing;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Importing;

[Collection(AppCollection.Name)]
public sealed class OrderImportTests(CrmBotAppFixture trained, SeededApp seeded) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task Orders_go_in_whole_or_not_at_all_and_unknown_customers_and_skus_are_reported()
    {
        var app = await seeded.FreshAsync(trained);
        await CustomerImportTests.ImportCustomersAsync(app, "customers-messy.csv");
        await using var before = app.NewDb();
        var existing = await before.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Number == "BW-482913");

        ImportSummary summary;
        await using (var db = app.NewDb())
        {
            var file = await ImportFile.ReadAsync(CustomerImportTests.File("orders-messy.csv"), default);
            summary = await app.Services.GetRequiredService<OrderImporter>().ImportAsync(db, file, DateOrder.DayFirst, null, default);
        }

        await using var after = app.NewDb();
        var priya = await after.Customers.SingleAsync(c => c.Email == "priya.patel@example.com");
        var first = await after.Orders.Include(o => o.Lines).ThenInclude(l => l.Product).SingleAsync(o => o.Number == "BW-900001");
        Assert.Equal((priya.Id, OrderStatus.Delivered, "LS6 2AB"), (first.CustomerId, first.Status, first.ShipToPostcode));
        Assert.Equal(["AUD-005", "LAP-001", "TV-004"], first.Lines.Select(l => l.Product!.Sku).Order());
        Assert.Equal(899m + 2 * 24.99m + 499m, first.Total);
        Assert.Equal(new DateOnly(2024, 4, 5), DateOnly.FromDateTime(first.PlacedAt.DateTime));
        Assert.Equal(OrderStatus.Shipped, (await after.Orders.SingleAsync(o => o.Number == "BW-900002")).Status);
        var sixth = await after.Orders.Include(o => o.Lines).SingleAsync(o => o.Number == "BW-900006");
        Assert.Equal((OrderStatus.Delivered, 329m), (sixth.Status, sixth.Total));
        Assert.False(await after.Orders.AnyAsync(o => o.Number == "BW-900003" || o.Number == "BW-900004" || o.Number == "BW-900005"));
        Assert.False(await after.Set<OrderLine>().AnyAsync(l => l.UnitPrice == 0));
        var unchanged = await after.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Number == "BW-482913");
        Assert.Equal((existing.Status, existing.Lines.Count, existing.Total), (unchanged.Status, unchanged.Lines.Count, unchanged.Total));

        var rejected = summary.Issues.Where(i => i.Severity == ImportSeverity.Rejected).Select(i => (i.Row, i.Field)).ToList();
        Assert.Contains((5, "email"), rejected);
        Assert.Contains((6, "sku"), rejected);
        Assert.Contains((7, "quantity"), rejected);
        Assert.Contains((12, "number"), rejected);
        Assert.Contains(summary.Issues, i => i is { Row: 9, Severity: ImportSeverity.Duplicate });
        Assert.Equal((5, 5, 1), (summary.Imported, summary.Rejected, summary.Duplicates));
    }
}

using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Importing;
using CrmBot.Core.Orders;
using CrmBot.Core.Storage;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Importing;

/// <summary>The messy files of tests/data/import imported into a freshly seeded store, and what the store holds afterwards.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerImportTests(CrmBotAppFixture trained, SeededApp seeded) : IClassFixture<SeededApp>
{
    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "data", "import", name);

    public static async Task<ImportSummary> ImportCustomersAsync(HandoffApp app, string file, DateOrder order = DateOrder.DayFirst)
    {
        await using var db = app.NewDb();
        var content = await ImportFile.ReadAsync(File(file), default);
        return await app.Services.GetRequiredService<CustomerImporter>().ImportAsync(db, content, file, order, null, default);
    }

    [Fact]
    public async Task Messy_rows_are_cleaned_and_stored_in_the_stores_form()
    {
        var app = await seeded.FreshAsync(trained);

        var summary = await ImportCustomersAsync(app, "customers-messy.csv");

        await using var db = app.NewDb();
        var priya = await db.Customers.SingleAsync(c => c.Email == "priya.patel@example.com");
        Assert.Equal(("Priya", "Patel", "+447981461203", "Leeds", "LS6 2AB", CustomerTier.Silver, true),
            (priya.FirstName, priya.LastName, priya.Phone, priya.City, priya.Postcode, priya.Tier, priya.MarketingConsent));
        Assert.Equal(new DateOnly(2021, 4, 3), DateOnly.FromDateTime(priya.CreatedAt.DateTime));
        var sean = await db.Customers.SingleAsync(c => c.Email == "sean.oneill@example.ie");
        Assert.Equal(("Sean", "O'Neill", "+353871234567", "Ireland", "D08 X2Y3", "Dublin"), (sean.FirstName, sean.LastName, sean.Phone, sean.Country, sean.Postcode, sean.City));
        var mary = await db.Customers.SingleAsync(c => c.Email == "mary.mcdonald@example.co.uk");
        Assert.Equal(("Mary", "McDonald", "+441315550022", "United Kingdom", "EH9 1BQ"), (mary.FirstName, mary.LastName, mary.Phone, mary.Country, mary.Postcode));
        var jan = await db.Customers.SingleAsync(c => c.Email == "jan.vdberg@example.nl");
        Assert.Equal(("Jan", "van der Berg", "+31205550199"), (jan.FirstName, jan.LastName, jan.Phone));
        Assert.Equal(new DateOnly(2022, 3, 4), DateOnly.FromDateTime(jan.CreatedAt.DateTime));
        var zoe = await db.Customers.SingleAsync(c => c.Email == "zoe.bronte@example.com");
        Assert.Equal(("Zoë", "Brontë", 3, 6), (zoe.FirstName, zoe.LastName, zoe.FirstName.Length, zoe.LastName.Length));
        var dev = await db.Customers.SingleAsync(c => c.Email == "dev.shah@example.com");
        Assert.Equal(("Dev", "Shah", "+447981555999"), (dev.FirstName, dev.LastName, dev.Phone));
        Assert.Equal(new DateOnly(2024, 12, 25), DateOnly.FromDateTime(dev.CreatedAt.DateTime));
        var ben = await db.Customers.SingleAsync(c => c.Email == "ben.carter@example.com");
        Assert.Equal(("Ben", "Carter", "1 Mill Road", "+447981300777"), (ben.FirstName, ben.LastName, ben.AddressLine1, ben.Phone));
        var ola = await db.Customers.SingleAsync(c => c.Email == "ola.nordmann@example.no");
        Assert.InRange(ola.AddressLine1.Length, CustomerRowCleaner.Limits.AddressLine - 10, CustomerRowCleaner.Limits.AddressLine);
        var grace = await db.Customers.SingleAsync(c => c.Email == "grace.hopper@example.com");
        Assert.Equal((null, CustomerTier.Standard, false), (grace.Phone, grace.Tier, grace.MarketingConsent));
        Assert.Contains(summary.Issues, i => i is { Row: 20, Field: "tier", Severity: ImportSeverity.Warning });
        Assert.Contains(summary.Issues, i => i is { Row: 14, Field: "address1", Severity: ImportSeverity.Warning });
    }

    [Fact]
    public async Task Rows_that_cannot_be_repaired_are_reported_and_the_others_go_in()
    {
        var app = await seeded.FreshAsync(trained);
        await using var before = app.NewDb();
        int customersBefore = await before.Customers.CountAsync();

        var summary = await ImportCustomersAsync(app, "customers-messy.csv");

        var rejected = summary.Issues.Where(i => i.Severity == ImportSeverity.Rejected).Select(i => (i.Row, i.Field)).ToHashSet();
        Assert.Contains((11, "first_name"), rejected);
        Assert.Contains((13, "first_name"), rejected);
        Assert.Contains((16, "email"), rejected);
        Assert.Contains((17, "email"), rejected);
        Assert.Contains((19, "(row)"), rejected);
        Assert.Equal(5, summary.Rejected);
        Assert.Equal(19, summary.Read);
        Assert.Equal((10, 0, 1, 3), (summary.Imported, summary.Updated, summary.Merged, summary.Duplicates));
        await using var db = app.NewDb();
        Assert.Equal(customersBefore + 10, await db.Customers.CountAsync());
        Assert.False(await db.Customers.AnyAsync(c => c.Email == "evil1@example.com" || c.Email == "bart.long@example.com" || c.Email == "kate.bush@example.com"));
    }

    [Fact]
    public async Task Formula_prefixes_are_neutralised_and_formulas_refused()
    {
        var app = await seeded.FreshAsync(trained);

        var summary = await ImportCustomersAsync(app, "customers-messy.csv");

        await using var db = app.NewDb();
        var tom = await db.Customers.SingleAsync(c => c.Email == "tom.jones@example.com");
        Assert.Equal(("Tom", "Jones", null, ""), (tom.FirstName, tom.LastName, tom.Phone, tom.AddressLine1));
        var texts = await db.Customers.Select(c => new[] { c.FirstName, c.LastName, c.AddressLine1, c.City }).ToListAsync();
        Assert.DoesNotContain(texts.SelectMany(t => t), t => t.Length > 0 && t[0] is '=' or '+' or '-' or '@');
        Assert.Contains(summary.Issues, i => i is { Row: 12, Field: "address1" } && i.Reason.Contains("formula"));
    }

    [Fact]
    public async Task Duplicates_by_email_phone_and_similar_name_fill_empty_fields_and_are_recorded()
    {
        var app = await seeded.FreshAsync(trained);
        await using var before = app.NewDb();
        var victor = await before.Customers.AsNoTracking().SingleAsync(c => c.Email == "victor.hale@example.com");

        var summary = await ImportCustomersAsync(app, "customers-messy.csv");

        await using var db = app.NewDb();
        Assert.False(await db.Customers.AnyAsync(c => c.Email == "vhale@work.example" || c.Email == "p.patel@another.example"));
        Assert.Equal(1, await db.Customers.CountAsync(c => c.LastName == "Patel" && c.Postcode == "LS6 2AB"));
        Assert.Equal(victor.Email, (await db.Customers.SingleAsync(c => c.Id == victor.Id)).Email);
        var merges = await db.CustomerMerges.ToListAsync();
        Assert.Contains(merges, m => m.SurvivorId == victor.Id && m.MatchedBy == "phone" && m.Source == "import customers-messy.csv row 7");
        Assert.Contains(summary.Issues, i => i is { Row: 8, Field: "name+address", Severity: ImportSeverity.Duplicate });
        Assert.Contains(summary.Issues, i => i is { Row: 9, Field: "email", Severity: ImportSeverity.Duplicate });
        Assert.Contains(summary.Issues, i => i is { Row: 6, Field: "email", Severity: ImportSeverity.Duplicate });
    }

    [Fact]
    public async Task A_row_that_is_two_stored_customers_merges_them_keeping_orders_conversations_and_accounts()
    {
        var app = await seeded.FreshAsync(trained);
        int older, newer;
        await using (var db = app.NewDb())
        {
            var a = NewCustomer("Hannah", "Reid", "hannah.reid@example.com", phone: null, DateTimeOffset.UtcNow.AddYears(-3));
            var b = NewCustomer("Hannah", "Reid", "h.reid@old-isp.example", phone: "07981 700 555", DateTimeOffset.UtcNow.AddYears(-1));
            db.Customers.AddRange(a, b);
            await db.SaveChangesAsync();
            (older, newer) = (a.Id, b.Id);
            db.Orders.Add(new Order
            {
                Number = "BW-777001", CustomerId = newer, PlacedAt = DateTimeOffset.UtcNow.AddDays(-10), DeliveryMethod = "Standard", PaymentMethod = "Visa",
                ShipToName = "Hannah Reid", ShipToAddressLine1 = "1 Test Row", ShipToCity = "Hull", ShipToPostcode = "HU1 1AA", Total = 10,
            });
            var account = new ChannelAccount { Channel = "test", AccountId = "hannah-" + Guid.NewGuid(), CustomerId = newer, FirstSeenAt = DateTimeOffset.UtcNow };
            db.ChannelAccounts.Add(account);
            db.Conversations.Add(new Conversation { Id = Guid.NewGuid(), Channel = "test", ChannelConversationId = "c-" + Guid.NewGuid(), CustomerId = newer, StartedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var file = Path.Combine(Path.GetTempPath(), $"merge-{Guid.NewGuid():N}.csv");
        await System.IO.File.WriteAllTextAsync(file, "name,email,phone\r\nHannah Reid,hannah.reid@example.com,+44 7981 700555\r\n");
        ImportSummary summary;
        await using (var db = app.NewDb())
        {
            summary = await app.Services.GetRequiredService<CustomerImporter>().ImportAsync(db, await ImportFile.ReadAsync(file, default), "merge.csv", DateOrder.DayFirst, null, default);
        }
        System.IO.File.Delete(file);

        await using var after = app.NewDb();
        Assert.False(await after.Customers.AnyAsync(c => c.Id == newer));
        var survivor = await after.Customers.SingleAsync(c => c.Id == older);
        Assert.Equal("+447981700555", survivor.Phone);
        Assert.Equal(older, (await after.Orders.SingleAsync(o => o.Number == "BW-777001")).CustomerId);
        Assert.True(await after.ChannelAccounts.AnyAsync(a => a.AccountId.StartsWith("hannah-") && a.CustomerId == older));
        Assert.True(await after.Conversations.AnyAsync(c => c.Channel == "test" && c.CustomerId == older));
        var merge = await after.CustomerMerges.SingleAsync(m => m.MergedCustomerId == newer);
        Assert.Equal((older, "phone"), (merge.SurvivorId, merge.MatchedBy));
        Assert.Equal(1, summary.Merged);
    }

    [Fact]
    public async Task Windows_1252_and_UTF16_files_are_read_in_their_own_encoding()
    {
        var app = await seeded.FreshAsync(trained);

        var western = await ImportCustomersAsync(app, "customers-windows1252.csv");
        var unicode = await ImportCustomersAsync(app, "customers-utf16.csv");

        Assert.Equal(("Windows-1252", 4), (western.EncodingName, western.Imported));
        Assert.Equal(("UTF-16 LE", 3), (unicode.EncodingName, unicode.Imported));
        await using var db = app.NewDb();
        Assert.Equal(("José", "Álvarez"), Fields(await db.Customers.AsNoTracking().SingleAsync(c => c.Email == "jose.alvarez@example.es"), c => (c.FirstName, c.LastName)));
        Assert.Equal(("Siobhán", "O’Brien", "“Rose Cottage”, Main Street"), Fields(await db.Customers.AsNoTracking().SingleAsync(c => c.Email == "siobhan.obrien@example.ie"), c => (c.FirstName, c.LastName, c.AddressLine1)));
        Assert.Equal(("François", "Müller"), Fields(await db.Customers.AsNoTracking().SingleAsync(c => c.Email == "francois.muller@example.fr"), c => (c.FirstName, c.LastName)));
        Assert.Equal(("Zoë", "Ní Bhriain", "OX1 4AA"), Fields(await db.Customers.AsNoTracking().SingleAsync(c => c.Email == "zoe.nibhriain@example.com"), c => (c.FirstName, c.LastName, c.Postcode)));
        Assert.Equal(("Łukasz", "+48601234567", "00-950"), Fields(await db.Customers.AsNoTracking().SingleAsync(c => c.Email == "lukasz.nowak@example.pl"), c => (c.FirstName, c.Phone, c.Postcode)));
    }

    // Picked in memory: a tuple projected in SQL is a record on PostgreSQL, which Npgsql does not read back as a tuple.
    private static T Fields<T>(Customer customer, Func<Customer, T> pick) => pick(customer);

    private static Customer NewCustomer(string first, string last, string email, string? phone, DateTimeOffset created) => new()
    {
        FirstName = first, LastName = last, Email = email, Phone = phone, AddressLine1 = "", City = "", Postcode = "", CreatedAt = created,
    };
}

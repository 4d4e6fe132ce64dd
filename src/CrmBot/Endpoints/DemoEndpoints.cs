using CrmBot.Core.Customers;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Endpoints;

/// <summary>The demo sign-in of the web chat page: a short list of seeded customers to chat as.</summary>
public static class DemoEndpoints
{
    public static RouteGroupBuilder MapDemoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/demo").WithTags("Demo");
        group.MapGet("/customers", async (CrmDbContext db, CancellationToken ct) =>
        {
            // The two documented demo customers first, then one of each tier so every kind of customer can be tried.
            var featured = new[] { DemoDataSeeder.DemoCustomerEmail, DemoDataSeeder.DemoVipEmail };
            var customers = await db.Customers.AsNoTracking().Where(c => featured.Contains(c.Email)).ToListAsync(ct);
            foreach (var tier in Enum.GetValues<CustomerTier>())
            {
                customers.AddRange(await db.Customers.AsNoTracking()
                    .Where(c => c.Tier == tier && !featured.Contains(c.Email)).OrderBy(c => c.Id).Take(1).ToListAsync(ct));
            }
            return TypedResults.Ok(customers.Select(c => new DemoCustomer(c.Email, c.FullName, c.Tier.ToString())));
        });
        return group;
    }
}

public sealed record DemoCustomer(string Email, string Name, string Tier);

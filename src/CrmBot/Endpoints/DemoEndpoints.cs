using CrmBot.Channels;
using CrmBot.Core.Customers;
using CrmBot.Core.Seeding;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmBot.Endpoints;

/// <summary>
/// The demo sign-in of the web chat page: a short list of seeded customers to chat as. Mapped only where the demo
/// sign-in is on, so elsewhere nobody can list customers (the route answers 404).
/// </summary>
public static partial class DemoEndpoints
{
    public static WebApplication MapDemoApi(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.IsDemoSignInOn(app.Environment))
        {
            return app;
        }
        if (!app.Environment.IsDevelopment())
        {
            LogDemoSignInOn(app.Logger, app.Environment.EnvironmentName);
        }
        app.MapGroup("/api/demo").WithTags("Demo")
            .MapGet("/customers", async (CrmDbContext db, CancellationToken ct) => TypedResults.Ok(await DemoCustomersAsync(db, ct)));
        return app;
    }

    /// <summary>The customers the demo sign-in offers, and the only ones it signs in as.</summary>
    public static async Task<List<DemoCustomer>> DemoCustomersAsync(CrmDbContext db, CancellationToken ct)
    {
        // The two documented demo customers first, then one of each tier so every kind of customer can be tried.
        var featured = new[] { DemoDataSeeder.DemoCustomerEmail, DemoDataSeeder.DemoVipEmail };
        var customers = await db.Customers.AsNoTracking().Where(c => featured.Contains(c.Email)).ToListAsync(ct);
        foreach (var tier in Enum.GetValues<CustomerTier>())
        {
            customers.AddRange(await db.Customers.AsNoTracking()
                .Where(c => c.Tier == tier && !featured.Contains(c.Email)).OrderBy(c => c.Id).Take(1).ToListAsync(ct));
        }
        return customers.Select(c => new DemoCustomer(c.Email, c.FullName, c.Tier.ToString())).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebChat:DemoSignIn is switched on in the {Environment} environment: anyone can list the demo customers and chat as them, orders included, without a password. Demos only; turn it off for a real shop.")]
    private static partial void LogDemoSignInOn(ILogger logger, string environment);
}

public sealed record DemoCustomer(string Email, string Name, string Tier);

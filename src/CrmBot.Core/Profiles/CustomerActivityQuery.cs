using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Orders;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Profiles;

/// <summary>
/// Reads <see cref="CustomerActivity"/> at a date for every customer. Each source is one
/// GROUP BY in SQL (orders, conversations, escalations), so a store with millions of order lines still returns one
/// row per customer and no order line is read.
/// </summary>
public static class CustomerActivityQuery
{
    private static readonly TimeSpan Quarter = TimeSpan.FromDays(90);
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    public static async Task<List<CustomerActivity>> LoadAsync(CrmDbContext db, DateTimeOffset asOf, int interactionWindowDays, CancellationToken ct)
    {
        var quarterAgo = asOf - Quarter;
        var yearAgo = asOf - Year;
        // An order counts when it had not been cancelled by the date; a later cancellation was not known then.
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.PlacedAt < asOf && o.CustomerId != null)
            .GroupBy(o => o.CustomerId!.Value)
            .Select(g => new
            {
                CustomerId = g.Key,
                Orders = g.Count(o => o.CancelledAt == null || o.CancelledAt >= asOf),
                First = g.Where(o => o.CancelledAt == null || o.CancelledAt >= asOf).Min(o => (long?)StoredTime.Units(o.PlacedAt)),
                Last = g.Where(o => o.CancelledAt == null || o.CancelledAt >= asOf).Max(o => (long?)StoredTime.Units(o.PlacedAt)),
                Spend = g.Where(o => o.CancelledAt == null || o.CancelledAt >= asOf).Sum(o => (double)o.Total),
                Refunded = g.Where(o => o.RefundedAt < asOf).Sum(o => (double)(o.RefundAmount ?? 0m)),
                Returns = g.Count(o => o.ReturnRequestedAt < asOf),
                Cancellations = g.Count(o => o.CancelledAt < asOf),
                Quarter = g.Count(o => (o.CancelledAt == null || o.CancelledAt >= asOf) && o.PlacedAt >= quarterAgo),
                Year = g.Count(o => (o.CancelledAt == null || o.CancelledAt >= asOf) && o.PlacedAt >= yearAgo),
            })
            .ToDictionaryAsync(o => o.CustomerId, ct);

        var windowStart = asOf - TimeSpan.FromDays(interactionWindowDays);
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId != null && c.StartedAt >= windowStart && c.StartedAt < asOf)
            .GroupBy(c => c.CustomerId!.Value)
            .Select(g => new
            {
                CustomerId = g.Key,
                Count = g.Count(),
                Sentiment = g.Average(c => c.Sentiment),
                Complaints = g.Count(c => c.Topic == EscalationPolicy.ComplaintIntent),
            })
            .ToDictionaryAsync(c => c.CustomerId, ct);
        var escalations = await db.Escalations.AsNoTracking()
            .Where(e => e.CustomerId != null && e.CreatedAt >= windowStart && e.CreatedAt < asOf)
            .GroupBy(e => e.CustomerId!.Value)
            .Select(g => new { CustomerId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(e => e.CustomerId, e => e.Count, ct);

        var customers = await db.Customers.AsNoTracking()
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Tier, c.CreatedAt, c.MarketingConsent })
            .ToListAsync(ct);
        return customers.Select(c =>
        {
            var o = orders.GetValueOrDefault(c.Id);
            var talk = conversations.GetValueOrDefault(c.Id);
            return new CustomerActivity(
                c.Id, asOf, c.Tier, c.CreatedAt, c.MarketingConsent,
                o?.Orders ?? 0, Time(o?.First), Time(o?.Last), Money(o?.Spend), Money(o?.Refunded),
                o?.Returns ?? 0, o?.Cancellations ?? 0, o?.Quarter ?? 0, o?.Year ?? 0,
                talk?.Count ?? 0, escalations.GetValueOrDefault(c.Id), talk?.Complaints ?? 0, talk?.Sentiment ?? 0);
        }).ToList();
    }

    private static DateTimeOffset? Time(long? units) => units is { } u ? new DateTimeOffset(u * StoredTime.TicksPerUnit, TimeSpan.Zero) : null;

    // SQLite sums the decimal columns as doubles; rounding to pennies gives back the exact amounts.
    private static decimal Money(double? value) => Math.Round((decimal)(value ?? 0), 2);
}

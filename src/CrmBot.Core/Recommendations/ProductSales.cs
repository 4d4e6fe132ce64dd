using CrmBot.Core.Orders;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// Units sold per product over the last <see cref="Window"/>, the "best sellers" ranking. Summing half a year of order
/// lines took a tenth of the server's time under load when every suggestion did it; a ranking over six months hardly
/// moves in minutes, so it is kept for <see cref="MaxAge"/>. Thread-safe singleton: the snapshot is replaced whole.
/// </summary>
public sealed class ProductSales
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(180);
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private volatile Snapshot? current;

    /// <summary>Units per product id; computed from <paramref name="db"/> when the kept figures are older than <see cref="MaxAge"/> at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyDictionary<int, int>> GetAsync(CrmDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (current is { } kept && now - kept.At < MaxAge && now >= kept.At)
        {
            return kept.Units;
        }
        var since = now - Window;
        var units = await db.Orders.AsNoTracking().Where(o => o.PlacedAt >= since && o.Status != OrderStatus.Cancelled)
            .SelectMany(o => o.Lines)
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(l => l.Quantity) })
            .ToDictionaryAsync(x => x.ProductId, x => x.Units, ct);
        current = new Snapshot(now, units);
        return units;
    }

    private sealed record Snapshot(DateTimeOffset At, IReadOnlyDictionary<int, int> Units);
}

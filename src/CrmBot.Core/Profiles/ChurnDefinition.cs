using CrmBot.Core.Orders;
using CrmBot.Core.Storage;
using CrmBot.Intelligence.Profiles;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Profiles;

/// <summary>
/// What churn means on our store, with a time cut-off so that training never sees the future:
/// <list type="bullet">
/// <item>the cut-off is <see cref="HorizonDays"/> days before now;</item>
/// <item>the population is every customer whose account existed at the cut-off and who had placed at least one order
/// (not cancelled by then) before it;</item>
/// <item>their features are <see cref="CustomerActivity"/> as of the cut-off;</item>
/// <item>the label is <b>churned</b> when they placed no order that is not cancelled from the cut-off up to now.</item>
/// </list>
/// A model trained on those rows, scored on features as of now, gives the probability that a customer places no order
/// in the next <see cref="HorizonDays"/> days.
/// </summary>
public sealed record ChurnDefinition(int HorizonDays)
{
    public DateTimeOffset CutOff(DateTimeOffset now) => now - TimeSpan.FromDays(HorizonDays);

    /// <summary>The training rows: the population at the cut-off, each with its label.</summary>
    public async Task<List<ChurnFeatures>> TrainingRowsAsync(CrmDbContext db, DateTimeOffset now, int interactionWindowDays, CancellationToken ct)
    {
        var cutOff = CutOff(now);
        var atCutOff = await CustomerActivityQuery.LoadAsync(db, cutOff, interactionWindowDays, ct);
        var orderedAfter = (await db.Orders.AsNoTracking()
            .Where(o => o.PlacedAt >= cutOff && o.PlacedAt < now && o.CancelledAt == null)
            .Select(o => o.CustomerId).Distinct().ToListAsync(ct)).ToHashSet();
        return [.. atCutOff.Where(a => a.Orders > 0).Select(a => a.Features(churned: !orderedAfter.Contains(a.CustomerId)))];
    }
}

using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Orders;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Importing;

/// <summary>
/// Joins two customer records of one person. The survivor keeps its id and every value it has; its empty fields are
/// filled from the other record; the higher tier and the earlier "customer since" are kept, lifetime values add up,
/// and marketing consent is the newer record's (the customer's latest word). Orders, conversations, channel accounts,
/// escalations and recommendation events of the merged record are moved to the survivor, then the merged record is
/// deleted and a <see cref="CustomerMerge"/> row records it. Runs inside the caller's transaction.
/// </summary>
public static class CustomerMerger
{
    public static async Task<IReadOnlyList<string>> MergeAsync(CrmDbContext db, Customer survivor, Customer merged, string matchedBy, string source, DateTimeOffset now, CancellationToken ct)
    {
        int from = merged.Id, to = survivor.Id;
        await db.Orders.Where(o => o.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, to), ct);
        await db.Conversations.Where(c => c.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, to), ct);
        await db.ChannelAccounts.Where(a => a.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(a => a.CustomerId, to), ct);
        await db.Escalations.Where(e => e.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, to), ct);
        await db.RecommendationEvents.Where(r => r.CustomerId == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, to), ct);

        var filled = FillEmpty(survivor, merged.Phone, merged.AddressLine1, merged.AddressLine2, merged.City, merged.Postcode);
        if (merged.Tier > survivor.Tier)
        {
            survivor.Tier = merged.Tier;
        }
        survivor.LifetimeValue += merged.LifetimeValue;
        if (merged.CreatedAt > survivor.CreatedAt)
        {
            survivor.MarketingConsent = merged.MarketingConsent;
        }
        else
        {
            survivor.CreatedAt = merged.CreatedAt;
        }
        db.Customers.Remove(merged);
        db.CustomerMerges.Add(new CustomerMerge
        {
            SurvivorId = to,
            MergedCustomerId = from,
            MatchedBy = matchedBy,
            Source = source,
            FieldsFilled = filled.Count == 0 ? null : string.Join(", ", filled),
            MergedAt = now,
        });
        return filled;
    }

    /// <summary>Fills the customer's empty contact and address fields from another record of them; returns the names of the fields filled.</summary>
    public static List<string> FillEmpty(Customer customer, string? phone, string addressLine1, string? addressLine2, string city, string postcode)
    {
        var filled = new List<string>();
        if (string.IsNullOrEmpty(customer.Phone) && !string.IsNullOrEmpty(phone))
        {
            customer.Phone = phone;
            filled.Add(nameof(Customer.Phone));
        }
        // An address is taken whole, so a street from one record never meets a postcode from another.
        if (string.IsNullOrEmpty(customer.AddressLine1) && string.IsNullOrEmpty(customer.Postcode) && (addressLine1.Length > 0 || postcode.Length > 0))
        {
            customer.AddressLine1 = addressLine1;
            customer.AddressLine2 = addressLine2;
            customer.City = city;
            customer.Postcode = postcode;
            filled.Add("Address");
            return filled;
        }
        if (string.IsNullOrEmpty(customer.AddressLine2) && !string.IsNullOrEmpty(addressLine2) && string.Equals(customer.AddressLine1, addressLine1, StringComparison.OrdinalIgnoreCase))
        {
            customer.AddressLine2 = addressLine2;
            filled.Add(nameof(Customer.AddressLine2));
        }
        if (string.IsNullOrEmpty(customer.City) && city.Length > 0 && string.Equals(customer.AddressLine1, addressLine1, StringComparison.OrdinalIgnoreCase))
        {
            customer.City = city;
            filled.Add(nameof(Customer.City));
        }
        return filled;
    }
}

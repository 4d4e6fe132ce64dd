using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Privacy;

/// <summary>
/// Gathers one customer's data for a subject access request: profile, consents, channel accounts, orders with their
/// lines, conversations with every message (the customer's, the bot's and agents'), escalations, product suggestions
/// shown to them and their privacy requests. Conversations count as theirs when linked to the customer or held by a
/// channel account verified as them. Read-only and untracked.
/// </summary>
public static class PersonalDataExport
{
    public static async Task<PersonalData?> CollectAsync(CrmDbContext db, int customerId, DateTimeOffset now, CancellationToken ct)
    {
        var c = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId && c.ErasedAt == null, ct);
        if (c is null)
        {
            return null;
        }
        var accounts = await db.ChannelAccounts.AsNoTracking().Where(a => a.CustomerId == customerId).OrderBy(a => a.FirstSeenAt).ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId).OrderBy(o => o.PlacedAt).ToListAsync(ct);
        var orderIds = orders.Select(o => o.Id).ToList();
        var lines = await db.OrderLines.AsNoTracking().Where(l => orderIds.Contains(l.OrderId))
            .Join(db.Products, l => l.ProductId, p => p.Id, (l, p) => new { l.OrderId, l.Id, p.Sku, p.Name, l.Quantity, l.UnitPrice })
            .ToListAsync(ct);
        var conversationIds = await ConversationsOfAsync(db, customerId, ct);
        var conversations = await db.Conversations.AsNoTracking().Where(v => conversationIds.Contains(v.Id)).OrderBy(v => v.StartedAt).ToListAsync(ct);
        var messages = (await db.Interactions.AsNoTracking().Where(i => conversationIds.Contains(i.ConversationId))
            .Select(i => new { i.ConversationId, i.Id, i.Timestamp, i.Author, i.Text, i.Intent, i.SentimentLabel }).ToListAsync(ct))
            .ToLookup(i => i.ConversationId);
        var escalations = await db.Escalations.AsNoTracking().Where(e => e.CustomerId == customerId || conversationIds.Contains(e.ConversationId))
            .OrderBy(e => e.Id).ToListAsync(ct);
        var suggestions = await db.RecommendationEvents.AsNoTracking().Where(r => r.CustomerId == customerId)
            .Join(db.Products, r => r.ProductId, p => p.Id, (r, p) => new PersonalRecommendation(p.Sku, p.Name, r.Strategy, r.ShownAt, r.ClickedAt))
            .ToListAsync(ct);
        var requests = await db.PrivacyRequests.AsNoTracking().Where(r => r.CustomerId == customerId).OrderBy(r => r.Id).ToListAsync(ct);

        return new PersonalData(
            now,
            new PersonalProfile(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.AddressLine1, c.AddressLine2, c.City, c.Postcode, c.Country,
                c.Tier.ToString(), c.Segment, c.ChurnRisk, c.LifetimeValue, c.CreatedAt, c.MarkedForDeletionAt),
            new PersonalConsents(c.MarketingConsent),
            accounts.Select(a => new PersonalChannelAccount(a.Channel, a.AccountId, a.DisplayName, a.FirstSeenAt, a.VerifiedAt)).ToList(),
            orders.Select(o => new PersonalOrder(o.Number, o.PlacedAt, o.Status.ToString(), o.Total, o.DeliveryMethod, o.DeliveryCost, o.PaymentMethod,
                o.ShipToName, o.ShipToAddressLine1, o.ShipToAddressLine2, o.ShipToCity, o.ShipToPostcode, o.Carrier, o.TrackingNumber,
                o.ShippedAt, o.DeliveredAt, o.CancelledAt, o.RefundStatus.ToString(), o.ReturnReason, o.RefundAmount, o.RefundedAt,
                lines.Where(l => l.OrderId == o.Id).OrderBy(l => l.Id).Select(l => new PersonalOrderLine(l.Sku, l.Name, l.Quantity, l.UnitPrice)).ToList())).ToList(),
            conversations.Select(v => new PersonalConversation(v.Id, v.Channel, v.StartedAt, v.LastActivityAt, v.Status.ToString(),
                messages[v.Id].OrderBy(m => m.Id).Select(m => new PersonalMessage(m.Timestamp, m.Author.ToString(), m.Text, m.Intent, m.SentimentLabel)).ToList())).ToList(),
            escalations.Select(e => new PersonalEscalation(e.Reference, e.CreatedAt, e.Reason.ToString(), e.Queue, e.Status.ToString(), e.ResolvedAt, e.Disposition, e.Note, e.Csat)).ToList(),
            suggestions.OrderBy(s => s.ShownAt).ToList(),
            requests.Select(r => new PersonalPrivacyRequest(r.Kind.ToString(), r.RequestedAt, r.RequestedBy, r.Status.ToString(), r.CompletedAt)).ToList());
    }

    /// <summary>The customer's conversations: linked to them, or held by one of their channel accounts.</summary>
    public static async Task<List<Guid>> ConversationsOfAsync(CrmDbContext db, int customerId, CancellationToken ct) =>
        await db.Conversations.AsNoTracking()
            .Where(v => v.CustomerId == customerId || db.Set<ChannelAccount>().Any(a => a.Id == v.ChannelAccountId && a.CustomerId == customerId))
            .Select(v => v.Id).ToListAsync(ct);
}

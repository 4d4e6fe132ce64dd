using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.DirectLine;
using CrmBot.Core.Escalations;
using CrmBot.Core.Inbox;
using CrmBot.Core.Orders;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Review;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Core.Privacy;

/// <summary>What an erasure did, in counts (no personal data), for the request log.</summary>
public sealed record ErasureResult(int Conversations, int Messages, int ChannelAccounts, int Orders, int Escalations, int Suggestions)
{
    public override string ToString() =>
        $"{Conversations} conversations and {Messages} messages anonymised, {ChannelAccounts} channel accounts unlinked, "
        + $"{Orders} orders kept without the customer, {Escalations} escalations and {Suggestions} suggestions unlinked";
}

/// <summary>
/// The right to be forgotten, carried out in one transaction:
/// <list type="bullet">
/// <item>the customer row becomes a tombstone: names "Erased Customer", email <c>erased-{id}@erased.invalid</c> (unique,
/// undeliverable: RFC 2606), phone, address, segment, scores and consent cleared, <see cref="Customer.ErasedAt"/> set;</item>
/// <item>their conversations (linked, or held by their channel accounts) lose the link; the customer's own messages are
/// replaced by "[erased]", the bot's and agents' are scrubbed of their values (<see cref="Scrubber"/>); entities,
/// attachments and dialog state are dropped; reviewers' corrections of their messages are deleted; the Direct Line
/// replay log and finished inbox rows of those conversations are deleted;</item>
/// <item>channel accounts are unlinked (no customer, not verified, no display name);</item>
/// <item>orders stay for accounting (amounts, lines, dates, status) without the customer link, the recipient's name,
/// street, full postcode, tracking number and return reason; the town and the postcode's outward code stay for VAT;</item>
/// <item>escalations lose the link and their notes are scrubbed; product suggestion events lose the link;</item>
/// <item>the failed-verification counter of their email is deleted, and any open download link revoked.</item>
/// </list>
/// </summary>
public static class CustomerEraser
{
    public static async Task<ErasureResult?> EraseAsync(CrmDbContext db, int customerId, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        // Two erasures of one customer (the desk and the scheduled job), or an import merging into them, wait for each other.
        await db.LockRowsAsync("Customers", [customerId], ct);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId && c.ErasedAt == null, ct);
        if (customer is null)
        {
            return null;
        }
        var scrubber = new Scrubber(customer);
        var lockoutKey = VerificationLockout.KeyFor(customer.Email);
        var conversationIds = await PersonalDataExport.ConversationsOfAsync(db, customerId, ct);

        var conversations = await db.Conversations.Where(v => conversationIds.Contains(v.Id)).ToListAsync(ct);
        foreach (var conversation in conversations)
        {
            conversation.CustomerId = null;
            conversation.DialogState = null;
        }
        var messages = await db.Interactions.Where(i => conversationIds.Contains(i.ConversationId)).ToListAsync(ct);
        foreach (var message in messages)
        {
            message.Text = message.Author == InteractionAuthor.Customer ? Scrubber.Erased : scrubber.Scrub(message.Text);
            message.Entities = null;
            message.Attachments = message.Attachments is null ? null : scrubber.Scrub(message.Attachments);
        }
        var customerMessageIds = messages.Where(m => m.Author == InteractionAuthor.Customer).Select(m => m.Id).ToList();
        await db.LabelCorrections.Where(l => customerMessageIds.Contains(l.InteractionId)).ExecuteDeleteAsync(ct);
        var channelIds = conversations.Select(v => v.ChannelConversationId).ToList();
        await db.DirectLineActivities.Where(a => channelIds.Contains(a.ConversationId)).ExecuteDeleteAsync(ct);
        await db.InboxActivities.Where(a => channelIds.Contains(a.ConversationId) && a.CompletedAt != null).ExecuteDeleteAsync(ct);

        int accounts = await db.ChannelAccounts.Where(a => a.CustomerId == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CustomerId, (int?)null).SetProperty(a => a.VerifiedAt, (DateTimeOffset?)null).SetProperty(a => a.DisplayName, (string?)null), ct);

        var orders = await db.Orders.Where(o => o.CustomerId == customerId).ToListAsync(ct);
        foreach (var order in orders)
        {
            order.CustomerId = null;
            order.ShipToName = Scrubber.Erased;
            order.ShipToAddressLine1 = Scrubber.Erased;
            order.ShipToAddressLine2 = null;
            order.ShipToPostcode = OutwardCode(order.ShipToPostcode);
            order.TrackingNumber = null;
            order.ReturnReason = order.ReturnReason is null ? null : Scrubber.Erased;
        }

        var escalations = await db.Escalations.Where(e => e.CustomerId == customerId || conversationIds.Contains(e.ConversationId)).ToListAsync(ct);
        foreach (var escalation in escalations)
        {
            escalation.RedactNote(scrubber.Scrub);
        }
        await db.Escalations.Where(e => e.CustomerId == customerId).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, (int?)null), ct);
        int suggestions = await db.RecommendationEvents.Where(r => r.CustomerId == customerId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, (int?)null), ct);
        await db.Set<VerificationLockout>().Where(l => l.EmailHash == lockoutKey).ExecuteDeleteAsync(ct);
        await db.PrivacyRequests.Where(r => r.CustomerId == customerId && r.ExpiresAt > now).ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, now), ct);

        customer.FirstName = "Erased";
        customer.LastName = "Customer";
        customer.Email = $"erased-{customer.Id}@erased.invalid";
        customer.Phone = null;
        customer.AddressLine1 = "";
        customer.AddressLine2 = null;
        customer.City = "";
        customer.Postcode = "";
        customer.Country = "";
        customer.Segment = null;
        customer.ChurnRisk = null;
        customer.LifetimeValue = 0;
        customer.MarketingConsent = false;
        customer.ErasedAt = now;
        await db.SaveChangesAsync(ct);
        await write.CommitAsync(ct);
        return new ErasureResult(conversations.Count, messages.Count, accounts, orders.Count, escalations.Count, suggestions);
    }

    /// <summary>"M1 4BT" → "M1": the district, which says where VAT was due without saying which door.</summary>
    private static string OutwardCode(string postcode)
    {
        var trimmed = postcode.Trim();
        int space = trimmed.IndexOf(' ');
        return space > 0 ? trimmed[..space] : trimmed.Length > 3 ? trimmed[..^3] : "";
    }
}

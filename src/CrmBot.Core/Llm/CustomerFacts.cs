using CrmBot.Core.Customers;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Messages;
using CrmBot.Intelligence.Privacy;

namespace CrmBot.Core.Llm;

/// <summary>How the customer, the articles and a transcript are written into a prompt.</summary>
public static class CustomerFacts
{
    public const string Guest = "a guest who has not verified who they are: account and order data is not available to you.";

    /// <summary>The profile facts a prompt may use; a verified customer's name, email, phone and address are masked unless personal data may be sent.</summary>
    public static string Describe(Customer? customer, DateTimeOffset now) => customer is null ? Guest
        : FormattableString.Invariant(
            $"{customer.FullName}, verified; {customer.Tier} tier; customer since {Formats.Date(customer.CreatedAt)}; email {customer.Email}; lives at {customer.AddressLine1}, {customer.City} {customer.Postcode}; {customer.OrderCount} orders") +
            (customer.LastOrderAt is { } last ? FormattableString.Invariant($", the last {(int)(now - last).TotalDays} days ago") : "") + ".";

    /// <summary>A mask that knows the customer's own values, so a name or street is masked even where no pattern finds it.</summary>
    public static PlaceholderMask MaskFor(Customer? customer)
    {
        var mask = new PlaceholderMask();
        if (customer is not null)
        {
            mask.Know(PlaceholderMask.CustomerName, customer.FullName)
                .Know(PlaceholderMask.CustomerName, customer.FirstName)
                .Know(PlaceholderMask.CustomerName, customer.LastName)
                .Know(PlaceholderMask.Address, customer.AddressLine1)
                .Know(PlaceholderMask.Address, customer.AddressLine2)
                .Know(PlaceholderMask.Postcode, customer.Postcode)
                .Know(PlaceholderMask.Email, customer.Email)
                .Know(PlaceholderMask.Phone, customer.Phone);
        }
        return mask;
    }

    public static string Articles(IEnumerable<KnowledgeHit> hits)
    {
        var lines = hits.Select((h, i) => $"{i + 1}. {h.Title}: {h.Summary}").ToList();
        return lines.Count == 0 ? "(none found)" : string.Join("\n", lines);
    }

    /// <summary>One line per message, with who said it.</summary>
    public static string Transcript(IEnumerable<(string Author, string Text)> messages) =>
        string.Join("\n", messages.Select(m => $"{m.Author}: {m.Text.ReplaceLineEndings(" ")}"));
}

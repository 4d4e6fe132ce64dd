using System.Collections.Immutable;
using Bogus;
using CrmBot.Core.Customers;

namespace CrmBot.Core.Seeding;

/// <summary>Makes believable UK customers: names, unique example-domain emails, drama-range phone numbers, real-looking addresses.</summary>
internal sealed class CustomerGenerator(Randomizer random, DateTimeOffset now)
{
    // RFC 2606 reserves these domains for examples: no mail can ever reach a real mailbox.
    private static readonly string[] EmailDomains = ["example.com", "example.org", "example.net"];
    private static readonly double[] EmailDomainWeights = [0.6, 0.25, 0.15];

    private static readonly CustomerTier[] Tiers = [CustomerTier.Standard, CustomerTier.Silver, CustomerTier.Gold, CustomerTier.Vip];
    private static readonly double[] TierWeights = [0.70, 0.17, 0.09, 0.04];

    private static readonly TimeSpan HistorySpan = TimeSpan.FromDays(5 * 365);

    private readonly HashSet<string> emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly UkTown[] towns = [.. UkPlaces.Towns];
    private readonly double[] townWeights = [.. UkPlaces.Towns.Select(t => (double)t.Weight)];

    /// <summary>Keeps a hand-made customer's email out of the generated ones.</summary>
    public Customer Reserve(Customer customer)
    {
        if (!emails.Add(customer.Email)) throw new InvalidOperationException("A reserved demo email is used twice.");
        return customer;
    }

    public Customer Create()
    {
        var firstName = Pick(UkNames.FirstNames);
        var lastName = Pick(UkNames.LastNames);
        var town = random.Weighted(towns, townWeights);
        var (line1, line2) = Address();
        var emailNumber = random.Bool(0.45f) ? random.Number(1, 99) : (int?)null;
        var domain = random.Weighted(EmailDomains, EmailDomainWeights);
        var daysAgo = random.Double(0, HistorySpan.TotalDays);

        return new Customer
        {
            FirstName = firstName,
            LastName = lastName,
            Email = UniqueEmail(firstName, lastName, emailNumber, domain),
            Phone = Phone(town),
            AddressLine1 = line1,
            AddressLine2 = line2,
            City = town.Name,
            Postcode = Postcode(town),
            Tier = random.Weighted(Tiers, TierWeights),
            MarketingConsent = random.Bool(0.55f),
            CreatedAt = now - TimeSpan.FromDays(daysAgo),
        };
    }

    private (string Line1, string? Line2) Address()
    {
        var number = random.Number(1, 240);
        var street = Pick(UkPlaces.Streets);
        var flat = random.Bool(0.14f) ? $"Flat {random.Number(1, 24)}" : null;
        return ($"{number} {street}", flat);
    }

    private string Postcode(UkTown town)
    {
        var district = Pick(town.Districts);
        var sector = random.Number(1, 9);
        var unit = random.String2(2, UkPlaces.InwardLetters);
        return $"{town.PostcodeArea}{district} {sector}{unit}";
    }

    private string Phone(UkTown town)
    {
        var useLandline = town.DramaPhonePrefix is not null && random.Bool(0.35f);
        var prefix = useLandline ? town.DramaPhonePrefix! : random.Bool(0.9f) ? UkPlaces.DramaMobilePrefix : UkPlaces.DramaUnallocatedPrefix;
        // Every prefix leaves exactly three digits free inside its reserved block of 1,000 numbers.
        return $"{prefix}{random.Number(0, 999):000}";
    }

    private string UniqueEmail(string firstName, string lastName, int? number, string domain)
    {
        var local = $"{Ascii(firstName)}.{Ascii(lastName)}";
        var candidate = $"{local}{number}@{domain}";
        for (var n = (number ?? 1) + 1; !emails.Add(candidate); n++) candidate = $"{local}{n}@{domain}";
        return candidate;
    }

    private T Pick<T>(ImmutableArray<T> items) => items[random.Number(items.Length - 1)];

    private static string Ascii(string name) => new([.. name.ToLowerInvariant().Where(char.IsAsciiLetterLower)]);
}

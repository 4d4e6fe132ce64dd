using System.Text.RegularExpressions;
using CrmBot.Core.Customers;
using CrmBot.Intelligence.Entities;

namespace CrmBot.Core.Importing;

/// <summary>
/// Turns one CSV row into a <see cref="CustomerRecord"/>, repairing what can be repaired (and saying so in a warning)
/// and rejecting the row, with the field and the reason, when a required value is missing or unusable: a name, a
/// valid email. Optional values that cannot be repaired (a phone of letters, an unknown tier) are dropped with a
/// warning and the row goes in. Column limits are the store's (<see cref="Limits"/>): names and emails over them are
/// refused, since a cut name or address is wrong; address lines and towns are cut with a warning. Pure and thread-safe.
/// </summary>
public static partial class CustomerRowCleaner
{
    public const string UnitedKingdom = "United Kingdom";

    /// <summary>The store's column sizes (see the Customer entity's configuration).</summary>
    public static class Limits
    {
        public const int Name = 100, Email = 254, Phone = 40, AddressLine = 200, City = 100, Postcode = 20, Country = 60;
    }

    public static readonly IReadOnlyDictionary<string, string[]> Aliases = new Dictionary<string, string[]>
    {
        ["first_name"] = ["firstname", "forename", "givenname", "first", "fname"],
        ["last_name"] = ["lastname", "surname", "familyname", "last", "lname"],
        ["name"] = ["name", "fullname", "customername", "customer"],
        ["email"] = ["email", "emailaddress", "mail", "customeremail"],
        ["phone"] = ["phone", "phonenumber", "telephone", "tel", "mobile", "mobilenumber", "contactnumber", "phoneno"],
        ["address1"] = ["address", "addressline1", "address1", "street", "streetaddress", "line1", "addressline"],
        ["address2"] = ["addressline2", "address2", "line2"],
        ["city"] = ["city", "town", "towncity", "citytown"],
        ["postcode"] = ["postcode", "postalcode", "zip", "zipcode", "postcodezip", "post"],
        ["country"] = ["country", "countryname"],
        ["tier"] = ["tier", "loyaltytier", "loyalty"],
        ["consent"] = ["marketingconsent", "consent", "optin", "marketingoptin", "marketing", "newsletter", "emailoptin"],
        ["created"] = ["createdat", "customersince", "signupdate", "joined", "registered", "created", "datejoined", "signedup"],
    };

    public static readonly IReadOnlyList<string[]> Required = [["email"], ["first_name", "name"]];

    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase) { "n/a", "na", "none", "null", "-", "--", "?", "unknown", "tbc", "nil", "#n/a" };

    private static readonly Dictionary<string, string> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["uk"] = UnitedKingdom, ["u.k."] = UnitedKingdom, ["gb"] = UnitedKingdom, ["gbr"] = UnitedKingdom, ["great britain"] = UnitedKingdom,
        ["britain"] = UnitedKingdom, ["england"] = UnitedKingdom, ["scotland"] = UnitedKingdom, ["wales"] = UnitedKingdom,
        ["northern ireland"] = UnitedKingdom, ["united kingdom"] = UnitedKingdom,
        ["ie"] = "Ireland", ["roi"] = "Ireland", ["eire"] = "Ireland", ["republic of ireland"] = "Ireland",
    };

    public static CustomerRecord? Clean(CsvRow row, DateOrder order, TimeZoneInfo zone, ImportSummary summary)
    {
        int n = row.Row;
        bool ok = true;
        string Cell(string field)
        {
            var value = ImportText.Clean(row[field], out bool stripped);
            if (stripped)
            {
                summary.Warn(n, field, "control or invisible characters removed");
            }
            return Placeholders.Contains(value) ? "" : value;
        }
        void Reject(string field, string reason)
        {
            summary.Reject(n, field, reason);
            ok = false;
        }
        // A text field: formulas refused, stray formula prefixes dropped, capped to the column.
        string? Text(string field, string value, int limit, bool cut)
        {
            if (value.Length == 0) return value;
            if (ImportText.IsFunctionCall(value))
            {
                return null;
            }
            if (ImportText.LooksLikeFormula(value))
            {
                value = ImportText.WithoutFormulaPrefix(value);
                summary.Warn(n, field, "leading formula character removed");
            }
            if (value.Length > limit)
            {
                if (!cut) return null;
                summary.Warn(n, field, $"cut to {limit} characters");
                value = value[..limit].TrimEnd();
            }
            return value;
        }

        var (first, last) = row.Has("first_name") || !row.Has("name") ? (Cell("first_name"), Cell("last_name")) : SplitName(Cell("name"));
        string? firstName = NameField("first_name", first, opensFullName: true), lastName = NameField("last_name", last, opensFullName: false);
        string? NameField(string field, string value, bool opensFullName)
        {
            if (value.Length == 0)
            {
                Reject(field, "missing");
                return null;
            }
            var text = Text(field, value, Limits.Name, cut: false);
            if (text is null)
            {
                Reject(field, ImportText.IsFunctionCall(value) ? "a spreadsheet formula, not a name" : $"longer than {Limits.Name} characters");
                return null;
            }
            if (!text.Any(char.IsLetter))
            {
                Reject(field, "has no letters");
                return null;
            }
            return NameCase.Apply(text, opensFullName);
        }

        var email = ImportEmail.Normalize(Cell("email"), out var emailProblem);
        if (email is null)
        {
            Reject("email", emailProblem!);
        }

        string? phone = null;
        if (Cell("phone") is { Length: > 0 } rawPhone)
        {
            phone = ImportPhone.Normalize(rawPhone, out var phoneProblem, out var phoneWarning);
            if (phone is null || phone.Length > Limits.Phone)
            {
                summary.Warn(n, "phone", (phoneProblem ?? "too long") + "; left empty");
                phone = null;
            }
            else if (phoneWarning is not null)
            {
                summary.Warn(n, "phone", phoneWarning);
            }
        }

        string Optional(string field, int limit)
        {
            var value = Cell(field);
            var text = Text(field, value, limit, cut: true);
            if (text is null)
            {
                summary.Warn(n, field, "a spreadsheet formula; left empty");
                return "";
            }
            return text;
        }
        var address1 = Optional("address1", Limits.AddressLine);
        var address2 = Optional("address2", Limits.AddressLine);
        var city = Optional("city", Limits.City);
        var countryText = Optional("country", Limits.Country);
        var country = countryText.Length == 0 ? UnitedKingdom
            : Countries.TryGetValue(countryText.TrimEnd('.'), out var known) ? known
            : NameCase.Apply(countryText, opensFullName: true);
        city = city.Length == 0 ? city : NameCase.Apply(city, opensFullName: true);

        var postcode = Cell("postcode");
        if (postcode.Length > 0)
        {
            if (country == UnitedKingdom)
            {
                postcode = EntityExtractor.NormalizePostcode(postcode);
                if (!UkPostcode().IsMatch(postcode))
                {
                    summary.Warn(n, "postcode", "not a UK postcode; left empty");
                    postcode = "";
                }
            }
            else if (postcode.Length > Limits.Postcode || ImportText.LooksLikeFormula(postcode))
            {
                summary.Warn(n, "postcode", "not a postcode; left empty");
                postcode = "";
            }
            else
            {
                postcode = postcode.ToUpperInvariant();
            }
        }

        CustomerTier? tier = null;
        if (Cell("tier") is { Length: > 0 } tierText)
        {
            if (Enum.TryParse<CustomerTier>(tierText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !tierText.Any(char.IsDigit))
            {
                tier = parsed;
            }
            else
            {
                summary.Warn(n, "tier", "not Standard, Silver, Gold or VIP; left as Standard");
            }
        }

        bool? consent = null;
        if (Cell("consent") is { Length: > 0 } consentText)
        {
            consent = consentText.ToLowerInvariant() switch
            {
                "yes" or "y" or "true" or "1" or "opted in" or "opt-in" or "subscribed" => true,
                "no" or "n" or "false" or "0" or "opted out" or "opt-out" or "unsubscribed" => false,
                _ => null,
            };
            if (consent is null)
            {
                // Consent is never assumed: an unreadable answer counts as no.
                summary.Warn(n, "consent", "not yes or no; recorded as no consent");
                consent = false;
            }
        }

        DateTimeOffset? created = null;
        if (Cell("created") is { Length: > 0 } createdText)
        {
            created = ImportDates.Parse(createdText, order, zone, out var dateProblem);
            if (created is null)
            {
                summary.Warn(n, "created", dateProblem + "; the import time is used");
            }
        }

        if (!ok || firstName is null || lastName is null || email is null)
        {
            return null;
        }
        return new CustomerRecord
        {
            Row = n,
            FirstName = firstName,
            LastName = lastName,
            Email = email,
            Phone = phone,
            AddressLine1 = address1,
            AddressLine2 = address2.Length == 0 ? null : address2,
            City = city,
            Postcode = postcode,
            Country = country,
            Tier = tier,
            MarketingConsent = consent,
            CreatedAt = created,
        };
    }

    /// <summary>"Jan van der Berg" → ("Jan", "van der Berg"); "O'NEILL, Sean" (surname first, with a comma) → ("Sean", "O'NEILL").</summary>
    public static (string First, string Last) SplitName(string name)
    {
        int comma = name.IndexOf(',');
        if (comma > 0)
        {
            return (name[(comma + 1)..].Trim(), name[..comma].Trim());
        }
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return (name, "");
        }
        int lastStart = words.Length - 1;
        while (lastStart > 1 && IsParticle(words[lastStart - 1]))
        {
            lastStart--;
        }
        return (string.Join(' ', words[..lastStart]), string.Join(' ', words[lastStart..]));
    }

    /// <summary>Words that belong to the surname that follows them: "van der Berg", "Ní Bhriain", "Mac Giolla", "bin Said".</summary>
    private static bool IsParticle(string word) => word.ToLowerInvariant() is "van" or "von" or "der" or "den" or "de" or "du" or "da" or "di" or "del" or "della"
        or "la" or "le" or "ter" or "ten" or "bin" or "al" or "ní" or "nic" or "ó" or "ua" or "mac" or "mc" or "st" or "st.";

    [GeneratedRegex(@"^(GIR 0AA|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex UkPostcode();
}

using System.Text.RegularExpressions;
using CrmBot.Core.Customers;
using CrmBot.Intelligence.Privacy;

namespace CrmBot.Core.Privacy;

/// <summary>
/// Removes one customer's personal values from a text the bot or an agent wrote to them ("Thanks Alice, it's going to
/// 12 Mill Lane, M1 4BT"): their names, email, phone (also as typed digits), address lines, postcode (with or without
/// its space) and town, whole words only, case-insensitive; then the PII redactor masks any other email, phone or card
/// number. Pure; one instance per erasure.
/// </summary>
public sealed class Scrubber
{
    public const string Erased = "[erased]";
    private readonly Regex? _values;

    public Scrubber(Customer customer)
    {
        var values = new List<string> { customer.FirstName, customer.LastName, customer.FullName, customer.Email, customer.AddressLine1, customer.City, customer.Postcode };
        if (customer.AddressLine2 is { } line2) values.Add(line2);
        if (customer.Phone is { } phone)
        {
            values.Add(phone);
            if (phone.StartsWith("+44", StringComparison.Ordinal)) values.Add("0" + phone[3..]);
        }
        values.Add(customer.Postcode.Replace(" ", "", StringComparison.Ordinal));
        var words = values.Where(v => v.Trim().Length >= 2).Select(v => Regex.Escape(v.Trim())).Distinct().OrderByDescending(v => v.Length).ToList();
        _values = words.Count == 0 ? null : new Regex(@"(?<![\p{L}\p{N}])(?:" + string.Join('|', words) + @")(?![\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Scrub(string text)
    {
        var withoutValues = _values?.Replace(text, Erased) ?? text;
        return PiiRedactor.Redact(withoutValues).Text;
    }

    public string? ScrubOrNull(string? text) => text is null ? null : Scrub(text);
}

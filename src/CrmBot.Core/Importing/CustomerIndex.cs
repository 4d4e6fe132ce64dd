using CrmBot.Core.Customers;
using CrmBot.Intelligence.Entities;

namespace CrmBot.Core.Importing;

/// <summary>
/// The customers an import compares rows with: the store's, then each row as it goes in, so a duplicate later in
/// the file is found too. Matches, strongest first: the same email; the same phone (E.164); a similar name at the same
/// address. "Similar name": the same surname once accents, case, spaces, hyphens and apostrophes are set aside
/// ("O'Neill" = "ONEILL", "Smith-Jones" = "Smith Jones"; surnames of six letters or more may differ by one letter,
/// "Thomson" / "Thompson"), and a first name that is the same, an initial of the other ("J" / "James"), the start of
/// the other ("Chris" / "Christopher") or one letter apart ("Jon" / "John"). "Same address": the same postcode and, when
/// both have a first address line, the same first word of it (the house number or name). One import at a time.
/// </summary>
public sealed class CustomerIndex
{
    private readonly Dictionary<string, int> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Entry>> _byPostcode = new(StringComparer.Ordinal);

    private sealed record Entry(int Id, string First, string Last, string House);

    public void Add(int id, string email, string? phone, string firstName, string lastName, string postcode, string addressLine1)
    {
        _byEmail.TryAdd(email, id);
        if (!string.IsNullOrEmpty(phone))
        {
            // Stored numbers may be in any form ("07700 900123"); compare them as the import writes them.
            _byPhone.TryAdd(ImportPhone.Normalize(phone, out _, out _) ?? phone, id);
        }
        var key = PostcodeKey(postcode);
        if (key.Length > 0)
        {
            if (!_byPostcode.TryGetValue(key, out var list))
            {
                _byPostcode[key] = list = [];
            }
            list.RemoveAll(e => e.Id == id);
            list.Add(new Entry(id, Fold(firstName), Fold(lastName), House(addressLine1)));
        }
    }

    public void Remove(int id)
    {
        foreach (var (email, owner) in _byEmail.ToList()) if (owner == id) _byEmail.Remove(email);
        foreach (var (phone, owner) in _byPhone.ToList()) if (owner == id) _byPhone.Remove(phone);
        foreach (var list in _byPostcode.Values) list.RemoveAll(e => e.Id == id);
    }

    public int? ByEmail(string email) => _byEmail.TryGetValue(email, out var id) ? id : null;

    public int? ByPhone(string? phone) => phone is not null && _byPhone.TryGetValue(ImportPhone.Normalize(phone, out _, out _) ?? phone, out var id) ? id : null;

    public int? BySimilarName(string firstName, string lastName, string postcode, string addressLine1)
    {
        if (!_byPostcode.TryGetValue(PostcodeKey(postcode), out var list))
        {
            return null;
        }
        string first = Fold(firstName), last = Fold(lastName), house = House(addressLine1);
        return list.FirstOrDefault(e => SimilarSurname(e.Last, last) && SimilarFirstName(e.First, first)
            && (e.House.Length == 0 || house.Length == 0 || e.House == house))?.Id;
    }

    public static bool SimilarSurname(string a, string b) => a == b || (Math.Min(a.Length, b.Length) >= 6 && Distance(a, b) <= 1);

    public static bool SimilarFirstName(string a, string b)
    {
        if (a == b) return true;
        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        if (shorter.Length == 0) return false;
        if (shorter.Length == 1) return longer[0] == shorter[0];
        if (shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.Ordinal)) return true;
        return shorter.Length >= 3 && Distance(a, b) <= 1;
    }

    /// <summary>Lower-case letters and digits only, accents folded.</summary>
    public static string Fold(string text) =>
        new(LatinComposition.Fold(text).ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    private static string PostcodeKey(string postcode) => postcode.Length == 0 ? "" : EntityExtractor.NormalizePostcode(postcode).Replace(" ", "", StringComparison.Ordinal);

    private static string House(string addressLine1)
    {
        var first = addressLine1.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return Fold(first);
    }

    /// <summary>Levenshtein distance, for short names only.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

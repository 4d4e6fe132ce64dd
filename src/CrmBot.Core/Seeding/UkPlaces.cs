using System.Collections.Immutable;

namespace CrmBot.Core.Seeding;

/// <summary>A town customers live in: its postcode area and districts, and where it has one, the Ofcom drama-number range for its area code.</summary>
internal sealed record UkTown(string Name, string PostcodeArea, ImmutableArray<int> Districts, string? DramaPhonePrefix, int Weight);

/// <summary>
/// UK towns, streets and telephone formats for demo addresses.
/// Phone numbers come only from Ofcom's ranges reserved for drama (07700 900xxx, 0161 496 0xxx, 020 7946 0xxx…),
/// so no generated number can ring a real person.
/// </summary>
internal static class UkPlaces
{
    public const string DramaMobilePrefix = "07700 900";
    public const string DramaUnallocatedPrefix = "01632 960";

    /// <summary>Inward-code letters: the Royal Mail never uses C, I, K, M, O or V there.</summary>
    public const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    public static readonly ImmutableArray<UkTown> Towns =
    [
        new("London", "E", Range(1, 18), "020 7946 0", 30),
        new("London", "N", Range(1, 22), "020 7946 0", 25),
        new("London", "SE", Range(1, 28), "020 7946 0", 30),
        new("London", "SW", Range(2, 20), "020 7946 0", 30),
        new("London", "NW", Range(1, 11), "020 7946 0", 20),
        new("London", "W", Range(2, 14), "020 7946 0", 20),
        new("Manchester", "M", Range(1, 40), "0161 496 0", 45),
        new("Salford", "M", [3, 5, 6, 7, 27, 30, 50], "0161 496 0", 8),
        new("Stockport", "SK", Range(1, 8), "0161 496 0", 8),
        new("Birmingham", "B", Range(1, 48), "0121 496 0", 40),
        new("Leeds", "LS", Range(1, 29), "0113 496 0", 30),
        new("Sheffield", "S", Range(1, 36), "0114 496 0", 22),
        new("Liverpool", "L", Range(1, 38), "0151 496 0", 25),
        new("Bristol", "BS", Range(1, 16), "0117 496 0", 22),
        new("Newcastle upon Tyne", "NE", Range(1, 15), "0191 498 0", 18),
        new("Nottingham", "NG", Range(1, 17), "0115 496 0", 16),
        new("Leicester", "LE", Range(1, 9), "0116 496 0", 14),
        new("Reading", "RG", Range(1, 6), "0118 496 0", 10),
        new("Edinburgh", "EH", Range(1, 17), "0131 496 0", 18),
        new("Glasgow", "G", Range(1, 53), "0141 496 0", 22),
        new("Cardiff", "CF", [3, 5, 10, 11, 14, 23, 24], "029 2018 0", 14),
        new("Belfast", "BT", Range(1, 17), "028 9649 6", 10),
        new("Southampton", "SO", Range(14, 19), null, 10),
        new("Brighton", "BN", [1, 2, 3, 41], null, 10),
        new("Oxford", "OX", Range(1, 4), null, 8),
        new("Cambridge", "CB", Range(1, 5), null, 8),
        new("York", "YO", [10, 23, 24, 26, 30, 31, 32], null, 7),
        new("Norwich", "NR", Range(1, 7), null, 7),
        new("Exeter", "EX", Range(1, 4), null, 6),
        new("Plymouth", "PL", Range(1, 9), null, 7),
        new("Coventry", "CV", Range(1, 6), null, 9),
        new("Stoke-on-Trent", "ST", Range(1, 6), null, 7),
        new("Derby", "DE", [1, 3, 21, 22, 23, 24], null, 7),
        new("Bath", "BA", [1, 2], null, 5),
        new("Aberdeen", "AB", Range(10, 25), null, 7),
        new("Swansea", "SA", Range(1, 6), null, 6),
        new("Milton Keynes", "MK", Range(1, 15), null, 7),
        new("Preston", "PR", [1, 2], null, 5),
        new("Bolton", "BL", Range(1, 3), null, 5),
        new("Harrogate", "HG", Range(1, 3), null, 4),
    ];

    public static readonly ImmutableArray<string> Streets =
    [
        "High Street", "Station Road", "Church Lane", "Park Road", "Victoria Road", "Green Lane", "Manor Road",
        "Church Street", "Park Avenue", "Queens Road", "The Avenue", "Grange Road", "Kings Road", "New Road",
        "Mill Lane", "London Road", "Albert Road", "York Road", "Springfield Road", "Highfield Road", "The Crescent",
        "Windsor Road", "Main Street", "School Lane", "George Street", "Broadway", "Chester Road", "Alexandra Road",
        "St John's Road", "Oxford Road", "North Street", "Stanley Road", "Richmond Road", "Elm Grove", "Beech Avenue",
        "Orchard Close", "Meadow View", "Willow Close", "Cedar Drive", "Hawthorn Way", "Mill Road", "Queen Street",
        "Marlborough Road", "Westfield Road", "Brook Lane", "Bridge Street", "Castle Street", "Market Street",
        "Cromwell Road", "Lansdowne Road", "Valley Road", "Farm Close", "Rectory Lane", "Holly Bank", "Primrose Hill Road",
    ];

    private static ImmutableArray<int> Range(int first, int last) => [.. Enumerable.Range(first, last - first + 1)];
}

using System.Text.RegularExpressions;

namespace CrmBot.Core.Products;

/// <summary>
/// A kind of product narrower than a category ("earbuds" in Audio, "monitor" in Computer Accessories), with the catalogue
/// terms (tags or name) that mark a product as one. Immutable, so shared by every turn.
/// </summary>
public sealed record ProductKind(string Name, string Plural, IReadOnlyList<string> Terms)
{
    internal Regex? Trigger { get; init; }

    // Order matters: a more specific kind claims its words first ("smart speaker" before "speaker", "earbuds" before "headphones").
    public static IReadOnlyList<ProductKind> All { get; } =
    [
        Kind("vr", "VR headsets", ["vr headset"], @"vr(?: headsets?)?|virtual reality(?: headsets?)?"),
        Kind("earbuds", "earbuds", ["earbuds", "earphones", "in-ear"], @"ear ?buds?|earphones?|in-?ears?|airpods|buds"),
        Kind("headphones", "headphones", ["headphones", "earbuds", "earphones", "headset"], @"head ?phones?|headsets?|cans|over-?ears?"),
        Kind("soundbar", "soundbars", ["soundbar"], @"sound ?bars?"),
        Kind("smart_speaker", "smart speakers", ["smart speaker", "smart display", "voice assistant"], @"smart speakers?|smart displays?|alexa|echo dot"),
        Kind("security_camera", "security cameras", ["security camera", "video doorbell"], @"security cam\w*|cctv|baby monitors?|outdoor cam\w*"),
        Kind("doorbell", "video doorbells", ["video doorbell", "doorbell"], @"(?:video )?door ?bells?"),
        Kind("speaker", "speakers", ["speaker"], @"speakers?|boombox"),
        Kind("monitor", "monitors", ["monitor"], @"monitors?|second screen|external screen"),
        Kind("keyboard", "keyboards", ["keyboard"], @"keyboards?"),
        Kind("mouse", "mice", ["mouse"], @"mouse|mice"),
        Kind("charger", "chargers", ["charger", "charging dock", "charge station"], @"chargers?|charging docks?|charging stations?"),
        Kind("cable", "cables", ["cable"], @"cables?|leads?"),
        Kind("storage", "storage", ["portable ssd", "storage", "ssd"], @"ssds?|hard drives?|external drives?|storage|back(?:ing)? ?ups?"),
        Kind("dock", "docking stations", ["docking station", "usb-c hub"], @"docks?|docking stations?|usb-?c hubs?"),
        Kind("controller", "controllers", ["controller"], @"controllers?|gamepads?|joypads?"),
        Kind("console", "consoles", ["console"], @"consoles?|handhelds?"),
        Kind("fitness_tracker", "fitness trackers", ["fitness tracker", "step counter"], @"fitness (?:trackers?|bands?)|activity trackers?|trackers?|fitbits?|step counters?"),
        Kind("smart_ring", "smart rings", ["smart ring"], @"smart rings?"),
        Kind("watch", "watches", ["watch", "smartwatch"], @"smart ?watch(?:es)?|(?<!(?:to|can|i|and|or|we|they|you|me) )watch(?:es)?(?! (?:films?|movies?|tv|telly|netflix|sports?|football|videos?|youtube|things|stuff|shows?|the|it|them))"),
        Kind("e_reader", "e-readers", ["e-reader"], @"e-?readers?|kindles?|e-?ink"),
        Kind("lens", "lenses", ["lens"], @"lens(?:es)?"),
        Kind("drone", "drones", ["drone"], @"drones?"),
        Kind("action_camera", "action cameras", ["action camera"], @"action cam\w*|gopro"),
        Kind("instant_camera", "instant cameras", ["instant camera"], @"instant cam\w*|polaroid"),
        Kind("bulb", "smart bulbs", ["bulb"], @"(?:smart |light ?)?bulbs?|smart lights?|smart lighting"),
        Kind("smart_plug", "smart plugs", ["smart plug"], @"smart plugs?|plugs?"),
        Kind("thermostat", "thermostats", ["thermostat"], @"thermostats?"),
    ];

    /// <summary>The kinds a text names; each word counts once, for the most specific kind that claims it.</summary>
    public static IReadOnlyList<ProductKind> Find(string text)
    {
        var claimed = new List<(int Start, int End)>();
        var found = new List<(int Index, ProductKind Kind)>();
        foreach (var kind in All)
        {
            foreach (Match m in kind.Trigger!.Matches(text))
            {
                if (claimed.Any(c => m.Index < c.End && c.Start < m.Index + m.Length))
                {
                    continue;
                }
                claimed.Add((m.Index, m.Index + m.Length));
                if (!found.Any(f => f.Kind == kind))
                {
                    found.Add((m.Index, kind));
                }
            }
        }
        return found.OrderBy(f => f.Index).Select(f => f.Kind).ToList();
    }

    private static ProductKind Kind(string name, string plural, string[] terms, string trigger) =>
        new(name, plural, terms)
        {
            Trigger = new Regex(@"(?<![\w-])(?:" + trigger + @")(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        };
}

namespace CrmBot.Core.Recommendations;

/// <summary>
/// What goes with what, by the words our catalogue uses: a smart bulb wants a smart speaker to control it by voice, a laptop
/// a mouse or a monitor. Co-purchase counts rank these and add what customers buy together; the rules keep the suggestions
/// sensible where sales alone would say "a cable" for everything. Immutable, so shared by every turn.
/// </summary>
internal static class ComplementRules
{
    /// <summary>A kind of product that goes with the owned one, and why, said to the customer.</summary>
    public sealed record Pairing(string Term, string Why);

    /// <summary>The owned product's kind (a tag or name term, or a category slug) and what goes with it.</summary>
    public sealed record Rule(string Owned, IReadOnlyList<Pairing> Pairings, bool IsCategory = false);

    private static readonly Rule[] Rules =
    [
        new("bulb", [new("smart speaker", "control your lights by voice"), new("smart plug", "put lamps on a schedule too"), new("smart display", "control your lights from a screen")]),
        new("smart plug", [new("smart speaker", "switch things on by voice"), new("bulb", "lights on the same app")]),
        new("smart speaker", [new("bulb", "lights you can control by voice"), new("smart plug", "switch lamps by voice"), new("thermostat", "change the heating by voice")]),
        new("smart display", [new("video doorbell", "see who's at the door"), new("bulb", "lights you can control by voice"), new("security camera", "watch your cameras live")]),
        new("video doorbell", [new("smart display", "see who's at the door"), new("security camera", "cover the rest of the house"), new("smart speaker", "hear the doorbell in any room")]),
        new("security camera", [new("smart display", "watch your cameras live"), new("video doorbell", "see who's at the door")]),
        new("thermostat", [new("smart speaker", "change the heating by voice"), new("smart plug", "see what uses energy")]),
        new("console", [new("controller", "a second controller for two players"), new("charging dock", "keeps controllers charged"), new("gaming headset", "chat while you play")]),
        new("controller", [new("charging dock", "keeps controllers charged")]),
        new("mirrorless", [new("lens", "a second lens for portraits"), new("portable ssd", "room for photos and video")]),
        new("action camera", [new("portable ssd", "room for your footage")]),
        new("drone", [new("portable ssd", "room for your footage")]),
        new("vlogging", [new("portable ssd", "room for your footage")]),
        new("monitor", [new("docking station", "one cable from laptop to desk"), new("keyboard", "a better keyboard for your desk"), new("wireless mouse", "a quiet mouse for your desk")]),
        new("headphones", [new("charger", "charge on the go")]),
        new("earbuds", [new("charger", "charge on the go")]),
        new("laptops", [new("wireless mouse", "a quiet mouse for your desk"), new("monitor", "a big second screen"), new("docking station", "one cable to your desk"), new("charger", "a spare charger for your bag"), new("portable ssd", "room for backups")], IsCategory: true),
        new("smartphones", [new("earbuds", "wireless listening"), new("charger", "fast charging"), new("smartwatch", "notifications on your wrist"), new("cable", "a spare cable")], IsCategory: true),
        new("tablets", [new("charger", "faster charging"), new("earbuds", "listen without disturbing anyone")], IsCategory: true),
        new("tvs", [new("soundbar", "fuller sound than the TV's speakers"), new("console", "games on the big screen")], IsCategory: true),
        new("wearables", [new("earbuds", "music while you train")], IsCategory: true),
    ];

    /// <summary>The rules that apply to an owned product: by its own kind first, then by its category.</summary>
    public static IReadOnlyList<Rule> For(ProductProfile owned) =>
        Rules.Where(r => r.IsCategory ? owned.Product.CategorySlug == r.Owned : owned.Is(r.Owned)).ToList();

    /// <summary>Another product of the same kind replaces the owned one rather than going with it.</summary>
    public static bool IsSubstitute(ProductProfile owned, ProductProfile candidate, IReadOnlyList<Rule> rules) =>
        rules.Count == 0
            ? candidate.Product.CategorySlug == owned.Product.CategorySlug
            : rules.Any(r => r.IsCategory ? candidate.Product.CategorySlug == r.Owned : candidate.Is(r.Owned));
}

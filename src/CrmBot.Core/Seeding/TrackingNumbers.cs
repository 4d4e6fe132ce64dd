using Bogus;

namespace CrmBot.Core.Seeding;

/// <summary>Tracking numbers in the shape each carrier prints, so the bot's order-number and tracking parsers meet realistic input.</summary>
internal static class TrackingNumbers
{
    private static readonly string[] RoyalMailPrefixes = ["TT", "JV", "LT", "RM", "YJ", "AB"];

    public static string Create(string carrier, Randomizer random) => carrier switch
    {
        "Royal Mail" => RoyalMail(random),
        "DPD" => "15" + random.ReplaceNumbers("############"),
        "DHL" => random.Number(1, 9) + random.ReplaceNumbers("#########"),
        "Evri" => "H" + random.ReplaceNumbers("##") + random.String2(3, "ABCDEFGHJKLMNPRSTUVWXYZ") + random.ReplaceNumbers("##########"),
        _ => throw new ArgumentOutOfRangeException(nameof(carrier), carrier, "No tracking format for this carrier."),
    };

    // UPU S10 format (two letters, eight digits, a mod-11 check digit, GB), as on Royal Mail Tracked labels.
    private static string RoyalMail(Randomizer random)
    {
        ReadOnlySpan<int> weights = [8, 6, 4, 2, 3, 5, 9, 7];
        var digits = random.ReplaceNumbers("########");
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (digits[i] - '0') * weights[i];
        var check = 11 - sum % 11;
        check = check switch { 10 => 0, 11 => 5, _ => check };
        return $"{random.ArrayElement(RoyalMailPrefixes)}{digits}{check}GB";
    }
}

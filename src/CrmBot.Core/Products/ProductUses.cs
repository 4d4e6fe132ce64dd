using System.Text.RegularExpressions;

namespace CrmBot.Core.Products;

/// <summary>
/// The uses and needs customers name, each with the words that give it away and the catalogue terms that answer it.
/// Written against our catalogue's tags and descriptions (Seeding/Data/catalog.yaml): a new tag there may deserve a
/// term here. Immutable, so shared by every turn.
/// </summary>
public static class ProductUses
{
    /// <summary>Up to this age a request is for a child; from <see cref="OlderFrom"/> for an older person.</summary>
    public const int ChildUntil = 12, OlderFrom = 65;

    public static readonly ProductUse Kids = Use("kids", "for kids", "Made for children",
        ["kids", "for children", "children", "child", "parental controls", "kids smartwatch"], 1, ProductUse.Kids,
        @"kids?|kiddies|child|children|childrens|toddlers?|grandson|granddaughter|grandkids?|grandchild\w*|little (?:one|ones|boy|girl)|primary school");

    public static readonly ProductUse Older = Use("older", "for older people", "Easy for older people",
        ["big buttons", "sos button", "seniors", "simple phone", "charging cradle", "simple", "easy"], 1, ProductUse.Seniors,
        @"elderly|older (?:person|people|relatives?|lady|man|parents?)|seniors?|pensioners?|oap|grandad|grandpa|grandma|granny|grandmother|grandfather|nan|nana|nanna|gran|grandparents?");

    public static IReadOnlyList<ProductUse> All { get; } =
    [
        Use("gym", "for the gym", "Good for the gym", ["sweat resistant", "sweat-resistant", "gym", "sport", "fitness", "workout"], 2,
            null, @"gym|work ?outs?|working out|exercis\w*|sweat\w*|sports?|training|weights|crossfit|fitness"),
        Use("running", "for running", "Made for running", ["running", "training plans", "triathlon", "pace", "gps", "sweat resistant"], 2,
            null, @"running|runners?|jog\w*|marathons?|half[- ]marathon|parkrun|triathlons?"),
        Use("swimming", "for swimming", "Made for the water", ["waterproof", "water resistant", "diving", "swim"], 2,
            null, @"swim\w*|pool|diving|snorkel\w*"),
        Use("drawing", "for drawing", "Good for drawing", ["drawing", "pen included", "stylus included", "sketching", "artists", "creative", "stylus", "pen"], 2,
            null, @"draw\w*|sketch\w*|art|arts|artists?|artsy|paint\w*|illustrat\w*|doodl\w*|colou?ring|procreate|graphic design\w*"),
        Use("gaming", "for gaming", "Good for gaming", ["gaming", "240hz", "165hz", "120hz", "esports", "dedicated graphics"], 2,
            null, @"gam(?:e|es|ing|er|ers)|fortnite|minecraft|call of duty|fifa|roblox|esports|ps5|xbox|twitch"),
        Kids,
        Older,
        Use("simple", "that are easy to use", "Easy to use", ["big buttons", "simple", "easy", "basic"], 1.5,
            null, @"simple|easy to use|easy|basic|uncomplicated|straightforward|no fuss|big buttons|not (?:very |too )?(?:techy|tech[- ]savvy|complicated)|nothing (?:too )?complicated|just (?:for )?(?:calls?|calling|texts?|texting)|calling and texting|calls and texts"),
        Use("video_calls", "for video calls", "Good for video calls", ["video calls", "video calling", "call microphones", "microphone", "webcam"], 1.5,
            null, @"video (?:calls?|calling|chats?)|zoom calls?|teams calls?|facetime|skype|video call"),
        Use("calls", "for calls", "Good for calls", ["calls", "call microphones", "loud speaker", "in-line microphone"], 1,
            null, @"(?<!video )(?:calls?|calling|phone calls|texting|texts)"),
        Use("study", "for study", "Good for study", ["student", "homework", "note-taking", "school", "study", "university", "spill-resistant"], 1.5,
            null, @"uni|university|college|school|schoolwork|homework|students?|studying|study|revision|degree|lectures?|sixth form|essays?"),
        Use("photography", "for photography", "Good for photography", ["photography", "mirrorless", "beginners", "prime lens", "1-inch sensor", "raw", "zoom", "photo"], 1.5,
            null, @"photograph\w*|photos?|pictures|portraits?|wildlife|landscapes?|(?:good|best|great|decent) camera"),
        Use("video", "for making videos", "Good for video", ["vlogging", "content creator", "video editing", "flip screen", "4k video", "microphone"], 1.5,
            null, @"vlog\w*|youtube\w*|video editing|content creat\w*|filming|film ?making|tiktok|streamer"),
        Use("creative", "for creative work", "Good for creative work", ["photo editing", "video editing", "creator", "dedicated graphics", "colour-accurate", "workstation", "3d"], 1.5,
            null, @"editing|creative work|cad|architecture|3d|rendering|designers?"),
        Use("music", "for music", "Good for music", ["hi-fi", "audiophile", "studio", "punchy sound", "music", "speaker"], 1,
            null, @"music\w*|songs?|vinyl|spotify|mixing|audiophiles?|hi-?fi"),
        Use("reading", "for reading", "Good for reading", ["e-reader", "e-ink", "glare-free", "reading"], 1.5,
            null, @"reading|readers?|e-?readers?|kindle|books?|novels?|comics?|ebooks?|magazines?"),
        Use("streaming", "for films and streaming", "Good for films and streaming", ["streaming", "home cinema", "dolby vision", "hdr", "quad speakers", "oled"], 1,
            null, @"netflix|films?|movies?|streaming|tv shows|box sets?|disney|iplayer"),
        Use("travel", "for travel", "Good for travel", ["travel", "lightweight", "pocket", "portable", "compact", "long battery", "noise cancelling"], 1.5,
            null, @"travel\w*|trips?|holidays?|flights?|flying|planes?|commut\w*|train|on the go|on the move|road trip|abroad"),
        Use("home_office", "for working from home", "Good for working from home", ["home office", "docking station", "dual monitor", "usb-c", "height adjustable", "office", "video calls"], 1.5,
            null, @"work(?:ing)? from home|wfh|home office|home working|remote work\w*|office|desk set-?up|hybrid working"),
        Use("everyday", "for everyday use", "Good for everyday use", ["email", "browsing", "home admin", "everyday", "family"], 1,
            null, @"emails?|browsing|everyday|home admin|the basics|internet"),
        Use("outdoors", "for outdoors", "Built for outdoors", ["waterproof", "weatherproof", "outdoor", "rugged", "water resistant", "clip strap"], 1.5,
            null, @"outdoors?|outside|garden|camping|beach|hiking|hikes?|cycling|bikes?|shower|bathroom|rain"),
        Use("party", "for parties", "Good for parties", ["party speaker", "light show", "karaoke", "party", "loud"], 1.5,
            null, @"part(?:y|ies)|loud|karaoke|dj|festivals?"),
        Use("small_room", "for a smaller room", "Sized for smaller rooms", ["smaller living rooms", "small tv", "compact", "bedroom", "kitchen", "24-inch", "32-inch", "43-inch"], 1.5,
            null, @"small (?:living )?(?:room|flat|space|lounge|bedroom|kitchen)|smaller rooms?|bedroom|kitchen|studio flat|dorm"),
        Use("big_screen", "with a big screen", "A big screen", ["big screen", "65-inch", "77-inch", "home cinema", "6.8-inch", "6.7-inch"], 1,
            null, @"big screen|large screen|bigger screen|huge|massive|home cinema|cinema"),
        Use("tough", "that can take a knock", "Built to take a knock", ["drop-proof", "drop-resistant", "protective case", "bumper", "rugged", "tough", "spill-resistant", "water resistant", "weather sealed"], 1.5,
            null, @"clumsy|rugged|tough|durable|sturdy|robust|drops?|dropped|dropping|spill\w*|break(?:s|ing)? (?:things|everything|stuff)|building sites?|knocks?|accident[- ]prone|butterfingers|heavy[- ]handed"),
        Use("gift", "as a gift", "A good gift", ["gift", "fun", "prints"], 0.5,
            null, @"gifts?|presents?|birthday|christmas|xmas|stocking fillers?|secret santa|anniversary|wedding"),
        Use("4k", "in 4K", "4K picture", ["4k"], 1, null, @"4k|uhd|ultra hd"),
        Use("oled", "with OLED", "OLED screen", ["oled"], 1, null, @"oled"),
        Use("gps", "with GPS", "Built-in GPS", ["gps"], 1, null, @"gps"),
        Use("noise_cancelling", "with noise cancelling", "Noise cancelling", ["noise cancelling"], 1.5,
            null, @"noise[- ]cancel\w*|anc|noisy|block out noise|quiet"),
        Use("battery", "with a long battery life", "Long battery life", ["long battery", "two-day battery", "all-day battery", "6000mah battery", "40-hour battery", "14-day battery", "7-day battery", "6-month battery", "20-hour battery", "battery"], 1,
            null, @"battery|batteries|long[- ]lasting|lasts? all day|all[- ]day"),
        Use("light", "that are light to carry", "Light and portable", ["lightweight", "portable", "slim", "compact", "1.2kg"], 1,
            null, @"lightweight|light laptop|portable|thin|slim|featherweight|carry around"),
        Use("sleep", "for sleep tracking", "Tracks sleep", ["sleep tracking", "sleep"], 1, null, @"sleep\w*|nights"),
        Use("health", "for health tracking", "Tracks your health", ["heart rate", "health", "step counter", "sleep tracking"], 1,
            null, @"heart rate|health|wellbeing|steps|step count\w*"),
        Use("security", "for home security", "Keeps an eye on home", ["security camera", "video doorbell", "night vision", "motion alerts", "person detection"], 1.5,
            null, @"security|burglars?|keep an eye on|baby monitor|cctv|doorbell"),
        Use("energy", "to save energy", "Helps save energy", ["energy saving", "energy monitoring", "heating"], 1.5,
            null, @"energy|bills?|heating"),
        Use("voice", "with voice control", "Voice control", ["voice assistant", "voice remote", "by voice"], 1, null, @"voice|alexa|hands[- ]free"),
    ];

    /// <summary>The uses a request names, in the order it names them; an age, when given, decides between kids and older people.</summary>
    public static IReadOnlyList<ProductUse> Find(string text, int? age)
    {
        var found = new List<(int Index, ProductUse Use)>();
        foreach (var use in All)
        {
            if (age is not null && (use == Kids || use == Older))
            {
                continue;
            }
            if (use.Trigger!.Match(text) is { Success: true } m)
            {
                found.Add((m.Index, use));
            }
        }
        if (age is <= ChildUntil)
        {
            found.Add((AgeIndex(text), Kids));
        }
        else if (age is >= OlderFrom)
        {
            found.Add((AgeIndex(text), Older));
        }
        return found.OrderBy(f => f.Index).Select(f => f.Use).ToList();
    }

    private static int AgeIndex(string text) => Math.Max(0, text.IndexOfAny("0123456789".ToCharArray()));

    private static ProductUse Use(string name, string phrase, string reason, string[] terms, double weight, string? audience, string trigger) =>
        new(name, phrase, reason, terms, weight, audience)
        {
            Trigger = new Regex(@"(?<![\w-])(?:" + trigger + @")(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        };
}

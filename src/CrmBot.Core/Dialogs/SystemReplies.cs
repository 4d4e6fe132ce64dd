using System.Text.Json.Nodes;

namespace CrmBot.Core.Dialogs;

/// <summary>
/// What the system itself says outside any flow (welcome, fallbacks, queue and hand-off notices, ratings), read from
/// <c>dialogs/system.yaml</c> like any dialog file. Strict in the same way: a missing or unknown reply name, or a
/// placeholder the reply is not given, stops start-up with the file and line. Immutable and shared.
/// </summary>
public sealed class SystemReplies
{
    /// <summary>The dialog file that holds them.</summary>
    public const string DialogName = "system";

    public const string WelcomeGuest = "welcome_guest";
    public const string WelcomeCustomer = "welcome_customer";
    public const string MessageTruncated = "message_truncated";
    public const string EmptyMessage = "empty_message";
    public const string OtherLanguage = "other_language";
    public const string Clarify = "clarify";
    public const string NotUnderstood = "not_understood";
    public const string KnowledgeGap = "knowledge_gap";
    public const string RatingThanks = "rating_thanks";
    public const string RatingSorry = "rating_sorry";
    public const string EscalationAsked = "escalation_asked";
    public const string EscalationStuck = "escalation_stuck";
    public const string EscalationUpset = "escalation_upset";
    public const string EscalationOther = "escalation_other";
    public const string EscalationPassed = "escalation_passed";
    public const string EscalationAlreadyQueued = "escalation_already_queued";
    public const string TeamAvailable = "team_available";
    public const string TeamAway = "team_away";
    public const string StillQueued = "still_queued";
    public const string StillWaiting = "still_waiting";
    public const string EmojiPositive = "emoji_positive";
    public const string EmojiNegative = "emoji_negative";
    public const string EmojiNeutral = "emoji_neutral";
    public const string AgentJoined = "agent_joined";
    public const string AgentHandedBack = "agent_handed_back";
    public const string AgentLeft = "agent_left";
    public const string RatingQuestion = "rating_question";
    public const string ClosingOffer = "closing_offer";

    /// <summary>Every reply the code asks for, with the placeholders it fills for it (besides <c>shop</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Placeholders = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [WelcomeGuest] = [],
        [WelcomeCustomer] = ["customer"],
        [MessageTruncated] = ["characters"],
        [EmptyMessage] = [],
        [OtherLanguage] = [],
        [Clarify] = [],
        [NotUnderstood] = [],
        [KnowledgeGap] = [],
        [RatingThanks] = ["rating"],
        [RatingSorry] = ["rating"],
        [EscalationAsked] = ["ticket"],
        [EscalationStuck] = ["ticket"],
        [EscalationUpset] = ["ticket"],
        [EscalationOther] = ["ticket"],
        [EscalationPassed] = ["queue", "reference", "availability"],
        [EscalationAlreadyQueued] = ["queue", "reference", "availability"],
        [TeamAvailable] = ["place"],
        [TeamAway] = ["opening_hours"],
        [StillQueued] = ["queue", "reference", "place"],
        [StillWaiting] = [],
        [EmojiPositive] = [],
        [EmojiNegative] = [],
        [EmojiNeutral] = [],
        [AgentJoined] = ["agent", "queue"],
        [AgentHandedBack] = ["agent"],
        [AgentLeft] = ["agent"],
        [RatingQuestion] = ["agent"],
        [ClosingOffer] = ["selection"],
    };

    private readonly IReadOnlyDictionary<string, NamedReply> _replies;
    private readonly JsonObject _globals;

    public SystemReplies(DialogCatalog catalog, string shopName)
    {
        _globals = new JsonObject { ["shop"] = new JsonObject { ["name"] = shopName } };
        var file = catalog.All.FirstOrDefault(d => d.Name == DialogName)
            ?? throw new DialogFileException($"dialogs/{DialogName}.yaml", 1, $"the system's replies (a file with name: {DialogName} and replies:) were not found");
        foreach (var (name, reply) in file.Replies)
        {
            if (!Placeholders.TryGetValue(name, out var allowed))
            {
                throw new DialogFileException(file.SourcePath, reply.Line, $"unknown reply '{name}' (known: {string.Join(", ", Placeholders.Keys)})");
            }
            foreach (var path in reply.Variants.SelectMany(TemplateRenderer.Paths))
            {
                var root = path.Split('.')[0];
                if (root != "shop" && !allowed.Contains(root))
                {
                    throw new DialogFileException(file.SourcePath, reply.Line,
                        $"'{{{{ {path} }}}}' is not given to reply '{name}' (only: {string.Join(", ", allowed.Append("shop"))})");
                }
            }
        }
        if (Placeholders.Keys.FirstOrDefault(k => !file.Replies.ContainsKey(k)) is { } missing)
        {
            throw new DialogFileException(file.SourcePath, 1, $"reply '{missing}' is missing");
        }
        _replies = file.Replies;
    }

    /// <summary>
    /// The reply <paramref name="name"/> with its placeholders filled; <paramref name="seed"/> picks among variants
    /// (the conversation's turn count keeps one conversation from hearing the same variant twice in a row).
    /// </summary>
    public string Text(string name, JsonObject values, int seed = 0)
    {
        var variants = _replies[name].Variants;
        // A placeholder given empty (no queue place to tell) must not leave a double space behind.
        return string.Join(' ', TemplateRenderer.Render(variants[(int)((uint)seed % (uint)variants.Count)], values, _globals)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public string Text(string name, int seed = 0) => Text(name, [], seed);
}

using System.Text.RegularExpressions;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Understanding;
using CrmBot.Intelligence.Entities;

namespace CrmBot.Core.Engine;

/// <summary>
/// Finds several requests in one message ("where's BW-482913 and send me the invoice for BW-356120") so that each
/// is handled in turn with its own order number. A message is split at joining words and sentence ends, and the
/// split is kept only when at least two pieces are confident requests for different things (different intents, or
/// the same intent for different orders); otherwise the message stays whole. Stateless and thread-safe.
/// </summary>
public sealed partial class RequestSplitter(MessageUnderstander understander, DialogCatalog dialogs)
{
    private const int MaxRequests = 3;
    private const int MinWordsPerPiece = 2;

    /// <summary>Intents that are not requests of their own: "hi, where's my order" is one request.</summary>
    private static readonly HashSet<string> NotRequests = ["greeting", "thanks", "goodbye", TurnResponder.OutOfScope, MessageUnderstanding.EmojiOnly, MessageUnderstanding.Empty];

    /// <summary>
    /// The requests in <paramref name="text"/>, in the order written, each with its own understanding; one element
    /// (the whole message) when it holds a single request.
    /// </summary>
    public IReadOnlyList<(string Text, MessageUnderstanding Understanding)> Split(string text, MessageUnderstanding whole, DateOnly today, double minConfidence)
    {
        var pieces = Joins().Split(text).Select(p => p.Trim(' ', ',', ';', '.', '-')).Where(p => p.Length > 0).ToList();
        if (pieces.Count < 2 || pieces.Count(p => Words(p) >= MinWordsPerPiece) < 2)
        {
            return [(text, whole)];
        }

        // Short fragments ("please", "thanks") and pieces that ask nothing join the request before them.
        var requests = new List<(string Text, MessageUnderstanding Understanding)>();
        var pending = "";
        foreach (var piece in pieces)
        {
            var candidate = pending.Length == 0 ? piece : pending + " " + piece;
            if (Words(piece) < MinWordsPerPiece)
            {
                pending = candidate;
                continue;
            }
            var understanding = understander.Understand(piece, today);
            if (IsRequest(piece, understanding, minConfidence))
            {
                requests.Add((pending.Length == 0 ? piece : candidate, understanding));
                pending = "";
            }
            else if (requests.Count > 0)
            {
                requests[^1] = (requests[^1].Text + " " + piece, requests[^1].Understanding);
            }
            else
            {
                pending = candidate;
            }
        }

        // "return order BW-356120 and get my money back" asks one thing twice: a piece repeating the request before it,
        // without an order number of its own, belongs to it.
        for (var i = requests.Count - 1; i > 0; i--)
        {
            if (requests[i].Understanding.Intent == requests[i - 1].Understanding.Intent
                && dialogs.ForIntent(requests[i].Understanding.Intent)?.HasFlow == true
                && (OrderOf(requests[i].Understanding) is null || OrderOf(requests[i].Understanding) == OrderOf(requests[i - 1].Understanding)))
            {
                requests[i - 1] = (requests[i - 1].Text + " " + requests[i].Text, requests[i - 1].Understanding);
                requests.RemoveAt(i);
            }
        }

        // Two help-centre questions may be about one topic ("how long have I got to return it and who pays the postage"),
        // so they count as different requests; two flow requests differ by intent or by order.
        var distinct = requests.Select(r => (r.Understanding.Intent, Key: dialogs.ForIntent(r.Understanding.Intent)?.HasFlow == true ? OrderOf(r.Understanding) : r.Text))
            .Distinct().Count();
        if (requests.Count == 1 && requests[0].Understanding.Intent != whole.Intent && requests[0].Text.Contains('?', StringComparison.Ordinal))
        {
            // One question inside a story ("the bulb is dimmer than the photos. can I send it back?"): the question
            // says what the customer wants; the whole message keeps its entities and tone.
            return [(text, whole with { Intent = requests[0].Understanding.Intent, Confidence = requests[0].Understanding.Confidence, Candidates = [] })];
        }
        if (requests.Count < 2 || distinct < 2)
        {
            return [(text, whole)];
        }
        return requests.Take(MaxRequests).ToList();
    }

    // A piece counts when it reads as a request or question ("tell me when…", "where's…", "can you…", "…?"): a story
    // ("my telly started buzzing, can you fix it under the guarantee") is one request told in several sentences, and
    // "I don't remember cancelling it" is about cancelling without asking for it.
    private bool IsRequest(string piece, MessageUnderstanding understanding, double minConfidence) =>
        !NotRequests.Contains(understanding.Intent) && understanding.Confidence >= minConfidence
        && SoundsLikeRequest(piece);

    /// <summary>Whether a text asks for something (a question, or a request such as "can you…", "cancel…", "I'd like…").</summary>
    public static bool SoundsLikeRequest(string text) =>
        text.Contains('?', StringComparison.Ordinal) || RequestCue().IsMatch(text.Trim());

    [GeneratedRegex(@"^(?:(?:hi|hello|hiya|hey|ok|okay|so|and|also|then|plus|oh|right|actually|wait|sorry|hmm)\W+)*(?:please|pls|plz|can|could|would|will|may|i(?:'d| would)? (?:like|want|need)|i'?m (?:after|looking)|(?:wanna|want to|need to|like to)|send|email|cancel|tell|give|change|update|return|track|check|refund|book|help|sort|start|make|get|find|show|let me|where|when|what|how|why|which|who|is|are|has|have|do|does|did)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RequestCue();

    private static string? OrderOf(MessageUnderstanding understanding) =>
        understanding.Entities.FirstOrDefault(e => e.Type == EntityTypes.OrderNumber)?.Value;

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    // "and", "and then", "then", "also", "plus", "as well as", "&", and sentence ends; "and" inside "Amex and Klarna"
    // splits too, but the pieces are too short to count as requests, so such a message stays whole.
    [GeneratedRegex(@"(?:\s+(?:and\s+(?:then\s+|also\s+)?|then\s+|also\s+|plus\s+|as well as\s+|&\s+)|(?<=[.?!;])\s+|\s+-\s+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Joins();
}

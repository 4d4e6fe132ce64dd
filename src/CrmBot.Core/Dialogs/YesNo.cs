using System.Text.RegularExpressions;

namespace CrmBot.Core.Dialogs;

/// <summary>
/// Reads a yes or no from a short reply as people write it: "yep", "no thanks", "hmm ok fine do it", "actually no,
/// leave it", "yeah go on then". Fillers at the start are skipped; in a short reply (a few words) a clear refusal
/// anywhere wins over an agreement ("ok no, leave it"), because doing something the customer did not want is worse
/// than asking again. Longer messages are read from their start only.
/// </summary>
public static partial class YesNo
{
    private const int ShortReplyWords = 8;

    public static bool? Parse(string text)
    {
        var t = Filler().Replace(Normalize(text), "");
        t = Polite().Replace(t, " ");
        if (t.Length == 0)
        {
            return null;
        }
        var isShort = t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= ShortReplyWords;
        if (No().IsMatch(t) || (isShort && NoAnywhere().IsMatch(t)))
        {
            return false;
        }
        if (Yes().IsMatch(t) || (isShort && YesAnywhere().IsMatch(t)))
        {
            return true;
        }
        return null;
    }

    /// <summary>Whether the message opens with a yes or a no ("yeah the postcode was wrong…"), however long it is.</summary>
    public static bool StartsWithAnswer(string text)
    {
        var t = Polite().Replace(Filler().Replace(Normalize(text), ""), " ").Trim();
        return No().IsMatch(t) || Yes().IsMatch(t);
    }

    /// <summary>
    /// A short reply that calls off what the bot was asking about ("no", "leave it", "never mind", "forget it");
    /// not "I don't have it", which is an answer the dialog should handle.
    /// </summary>
    public static bool IsCallingOff(string text)
    {
        var t = Filler().Replace(Normalize(text), "");
        return t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= ShortReplyWords && CallOff().IsMatch(t);
    }

    [GeneratedRegex(@"^(?:no+|nope|nah|stop|cancel(?: that| it)?|no thanks?)$|^(?:no+|nope|nah)\b.*\b(?:leave|forget|keep|mind|bother|need|matter)|\b(?:leave it|leave that|forget it|forget about it|never ?mind|nvm|don'?t bother|doesn'?t matter|not now|changed my mind|no need|i'?ll leave it|i'?ll keep it)\b")]
    private static partial Regex CallOff();

    private static string Normalize(string text) =>
        Space().Replace(Punctuation().Replace(text.ToLowerInvariant().Replace('’', '\''), " "), " ").Trim();

    [GeneratedRegex(@"^(?:(?:hmm+|hm+|um+|erm+|uh+|ah+|oh+|well|actually|so|right|okay so|ok so|honestly|tbh|lol|haha|sorry|wait|on second thoughts?|thinking about it)\s+)+")]
    private static partial Regex Filler();

    // "No problem" and "no worries" agree; they must not read as a refusal.
    [GeneratedRegex(@"\b(?:no (?:problem|worries|bother)|not a problem)\b")]
    private static partial Regex Polite();

    [GeneratedRegex(@"^(?:no+|nope|nah|naw|n|no thanks?|no thank you|not really|don'?t|do not|cancel|stop|never ?mind|nvm|negative|not now|leave it|forget it|wrong|incorrect|i don'?t want to|please don'?t|keep it|i'?ll keep it|not yet|rather not)\b")]
    private static partial Regex No();

    [GeneratedRegex(@"\b(?:no|nope|nah|don'?t|do not|leave it|leave that|forget it|forget about it|never ?mind|nvm|keep it|i'?ll keep|changed my mind|not now|not yet|rather not|hold off|don'?t bother)\b")]
    private static partial Regex NoAnywhere();

    [GeneratedRegex(@"^(?:y|ye[sps]?|yeah|yea|yah|ya|yup|sure|ok(?:ay)?|k|kk|fine|please(?: do)?|yes please|go ahead|go on|do it|confirm(?:ed)?|correct|right|that'?s right|absolutely|definitely|of course|affirmative|i do|i am|i'?m sure|please go ahead|alright|all right|sounds good|why not|deal|aye|yass|defo|course)\b")]
    private static partial Regex Yes();

    [GeneratedRegex(@"\b(?:yes|yeah|yep|yup|sure|ok|okay|fine|go ahead|go on|do it|do that|please do|sounds good|alright|that'?s fine|that'?s right|correct|confirm|proceed)\b")]
    private static partial Regex YesAnywhere();

    [GeneratedRegex(@"[^\p{L}\p{N}' ]+")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}

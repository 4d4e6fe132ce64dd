using System.Text.RegularExpressions;

namespace CrmBot.Core.Dialogs;

/// <summary>Reads a yes or no from a short reply ("yep", "no thanks", "go ahead").</summary>
public static partial class YesNo
{
    public static bool? Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (No().IsMatch(t))
        {
            return false;
        }
        if (Yes().IsMatch(t))
        {
            return true;
        }
        return null;
    }

    [GeneratedRegex(@"^(?:no+|nope|nah|no thanks?|no thank you|not really|don'?t|do not|cancel|stop|never ?mind|n|negative|not now|leave it|wrong|incorrect|i don'?t want to|please don'?t)\b")]
    private static partial Regex No();

    [GeneratedRegex(@"^(?:y|ye[sp]?|yeah|yea|yup|sure|ok(?:ay)?|please(?: do)?|yes please|go ahead|do it|confirm(?:ed)?|correct|right|that'?s right|absolutely|definitely|of course|affirmative|i do|i am|i'm sure|please go ahead)\b")]
    private static partial Regex Yes();
}

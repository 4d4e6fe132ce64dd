using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrmBot.BotFramework.Cards;
using CrmBot.BotFramework.Schema;
using CrmBot.Core.Handoff;

namespace CrmBot.Handoff;

/// <summary>
/// The Adaptive Card (1.5, the highest Teams renders for bots; digest §5.5) that tells agents in Teams about a new
/// escalation: what it is, who is waiting, and a link to take it in the console.
/// </summary>
public static class TeamsAgentAlertCard
{
    public const string TakeItTitle = "Take it in the console";

    private const int MaxValueLength = 300;

    public static Attachment Create(EscalationSummary escalation, Uri consoleLink)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        ArgumentNullException.ThrowIfNull(consoleLink);
        var sentiment = $"{escalation.SentimentLabel} ({escalation.Sentiment.ToString("0.00", CultureInfo.InvariantCulture)})";
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = AdaptiveCardAttachment.DefaultVersion,
            ["body"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = PlainText($"New escalation {escalation.Reference}"),
                    ["size"] = "Medium",
                    ["weight"] = "Bolder",
                    ["wrap"] = true,
                },
                new JsonObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JsonArray(
                        Fact("Customer", string.IsNullOrWhiteSpace(escalation.CustomerName) ? AgentDesk.Guest : escalation.CustomerName),
                        Fact("Tier", escalation.Tier),
                        Fact("Queue", escalation.Queue),
                        Fact("Priority", escalation.Priority.ToString(CultureInfo.InvariantCulture)),
                        Fact("Reason", escalation.ReasonDetail),
                        Fact("Sentiment", sentiment),
                        // Plain UTC rather than the {{DATE()}} text functions, which are documented for TextBlock only.
                        Fact("Waiting since", escalation.CreatedAt.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture))),
                }),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.OpenUrl",
                ["title"] = TakeItTitle,
                ["url"] = consoleLink.AbsoluteUri,
            }),
        };
        return AdaptiveCardAttachment.Create(card);
    }

    /// <summary>
    /// Text that renders as itself in every Teams client. TextBlock and Fact values are Markdown (a CommonMark subset:
    /// emphasis, lists, <c>[text](url)</c> links), so a customer's name could otherwise carry a link with a hidden target.
    /// Backslash escapes are not enough: the shared C++ renderer of the mobile clients starts a link at any '[' and
    /// shows the backslash (AdaptiveCards MarkDownBlockParser.cpp). So the characters the subset reacts to become
    /// look-alikes, line breaks become spaces, and a leading list marker is kept from starting a list.
    /// </summary>
    public static string PlainText(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "—";
        }

        var text = new StringBuilder(Math.Min(value.Length, MaxValueLength) + 1);
        foreach (var c in value.Trim())
        {
            if (text.Length >= MaxValueLength)
            {
                text.Append('…');
                break;
            }

            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                if (text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }

                continue;
            }

            text.Append(c switch
            {
                '*' => '∗',
                '_' => 'ˍ',
                '[' => '［',
                ']' => '］',
                '<' => '‹',
                '>' => '›',
                '`' => 'ˋ',
                '~' => '∼',
                '#' => '＃',
                '\\' => '∖',
                _ => c,
            });
        }

        // "- x", "+ x" and "1. x" at the start of a value are list items; a zero-width space before them is not Markdown.
        if (text[0] is '-' or '+' || (char.IsAsciiDigit(text[0]) && IsOrderedListMarker(text)))
        {
            text.Insert(0, '\u200B');
        }

        return text.ToString();
    }

    private static bool IsOrderedListMarker(StringBuilder text)
    {
        var i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i < text.Length && text[i] is '.' or ')';
    }

    private static JsonObject Fact(string title, string? value) => new() { ["title"] = title, ["value"] = PlainText(value) };
}

using System.Text.Json.Nodes;
using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Cards;

/// <summary>Wraps an Adaptive Card (plain JSON: no Adaptive Cards library exists for .NET here) as an attachment.</summary>
public static class AdaptiveCardAttachment
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Teams renders bot-sent cards up to 1.5 and Universal Actions need 1.5 there (digest §5.5, ambiguity A10).</summary>
    public const string DefaultVersion = "1.5";

    /// <summary>
    /// An attachment carrying a copy of <paramref name="card"/> (a JSON node has one parent, so the caller's object stays
    /// reusable); <c>type</c> and <c>version</c> are filled when missing.
    /// </summary>
    public static Attachment Create(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var content = card.DeepClone().AsObject();
        if (content["type"] is null)
        {
            content["type"] = "AdaptiveCard";
        }
        else if (content["type"]?.GetValue<string>() != "AdaptiveCard")
        {
            throw new ArgumentException("An Adaptive Card's type must be \"AdaptiveCard\".", nameof(card));
        }

        if (content["version"] is null)
        {
            content["version"] = DefaultVersion;
        }

        return new Attachment { ContentType = ContentType, Content = content };
    }
}

using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Cards;

/// <summary>Ready-made message activities (SDK MessageFactory); the turn context fills in the addressing.</summary>
public static class MessageFactory
{
    public const string ListLayout = "list";
    public const string CarouselLayout = "carousel";

    public static Activity Text(string text) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>One or more cards stacked vertically (the default layout, A3061).</summary>
    public static Activity Attachments(IEnumerable<Attachment> attachments, string? text = null) => Build(attachments, text, layout: null);

    /// <summary>Cards side by side, scrolled horizontally (<c>attachmentLayout: carousel</c>).</summary>
    public static Activity Carousel(IEnumerable<Attachment> attachments, string? text = null) => Build(attachments, text, CarouselLayout);

    /// <summary>Quick-reply buttons under a message; each posts its title back as the user's message (imBack).</summary>
    public static Activity SuggestedActions(IEnumerable<string> choices, string? text = null)
    {
        var actions = choices.Select(choice => CardAction.ImBack(choice)).ToList();
        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            // Omitted when empty (A7701).
            SuggestedActions = actions.Count == 0 ? null : new SuggestedActions { Actions = actions },
        };
    }

    private static Activity Build(IEnumerable<Attachment> attachments, string? text, string? layout)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var list = attachments.ToList();
        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            Attachments = list.Count == 0 ? null : list,
            AttachmentLayout = list.Count == 0 ? null : layout,
        };
    }
}

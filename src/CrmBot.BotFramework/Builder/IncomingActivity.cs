using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.Builder;

/// <summary>The fields an inbound activity must carry before a turn can run and be answered (digest §1.2, §2.3).</summary>
internal static class IncomingActivity
{
    /// <summary>Direct Line delivers to in-process bots that answer on the stream, so it may omit serviceUrl.</summary>
    private const string DirectLineChannelId = "directline";

    /// <summary>Null when the activity is usable, else the reason it is not.</summary>
    public static string? Problem(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no type (A2010).";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no conversation.id.";
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            if (!string.Equals(activity.ChannelId, DirectLineChannelId, StringComparison.OrdinalIgnoreCase))
            {
                return "The activity has no serviceUrl (A2300).";
            }
        }
        else if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "The activity's serviceUrl is not an absolute http(s) URL.";
        }

        if (activity.IsType(ActivityTypes.Message) && string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            return "A message activity needs from.id.";
        }

        return null;
    }
}

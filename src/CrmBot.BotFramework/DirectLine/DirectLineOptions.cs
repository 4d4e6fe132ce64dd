using System.ComponentModel.DataAnnotations;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// The <c>DirectLine</c> section of appsettings.json: our own Direct Line 3.0 server (protocol digest §4), so the
/// official Web Chat and DirectLineJS clients work without Azure. All limits are per instance.
/// </summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>
    /// The master key: mints tokens and may use every conversation (digest §4.2). Keep it server-side only. Empty: a
    /// random 256-bit secret is generated on first start and kept in <see cref="SecretFile"/>. Changing it invalidates
    /// every token issued so far, because tokens are signed with a key derived from it.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Where the generated secret is kept when <see cref="Secret"/> is empty; the host points this into its data directory.</summary>
    public string? SecretFile { get; set; }

    /// <summary>
    /// How long a conversation token lives (default 30 min, the value in Azure's examples). Refreshing gives a new token
    /// for the same conversation. DirectLineJS refreshes every 15 min whatever we say, so anything shorter than that
    /// would expire under a well-behaved client.
    /// </summary>
    [Range(typeof(TimeSpan), "00:16:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long the token inside a <c>streamUrl</c> may be used to open the WebSocket (default 2 min; the digest §4.1
    /// asks for at least 60 s). Short, because URLs end up in proxy logs; a reconnecting client asks for a fresh one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "00:30:00")]
    public TimeSpan StreamTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest activity a client may post, in bytes of JSON (default 32 KB): larger posts get 413.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 32 * 1024;

    /// <summary>Longest <c>text</c> a client may post, in characters (default 4000): more than anyone types into a chat box.</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Largest activity the bot may send, in bytes of JSON (default 256 KB): room for card carousels.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBotActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Most activities in one GET page or one WebSocket replay frame (default 100); clients fetch the rest with the new watermark.</summary>
    [Range(1, 1000)]
    public int MaxActivitiesPerPage { get; set; } = 100;

    /// <summary>
    /// Most new conversations (token generation and secret-authenticated starts) one client IP address may create per
    /// minute (default 60); more get 429 with Retry-After. A token can only ever start its own one conversation.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConversationsPerMinute { get; set; } = 60;

    /// <summary>
    /// Most WebSocket streams open on one conversation (default 4, e.g. a few browser tabs); opening another closes the
    /// oldest with reason <c>collision</c>, as Azure does (digest §4.5).
    /// </summary>
    [Range(1, 64)]
    public int MaxStreamsPerConversation { get; set; } = 4;

    /// <summary>Interval of the empty keep-alive text frames on a quiet stream (default 15 s); DirectLineJS ignores them (digest §4.5).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan StreamKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The public base address (e.g. <c>https://chat.example.com</c>) used for <c>streamUrl</c> and <c>serviceUrl</c>.
    /// Empty: taken from each request (scheme, host, path base), which is right unless a proxy rewrites them and
    /// forwarded headers are not applied.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>The bot's account on this channel: <c>recipient</c> of user activities, <c>from</c> of replies.</summary>
    [Required, MaxLength(128)]
    public string BotId { get; set; } = "bot";

    [Required, MaxLength(128)]
    public string BotName { get; set; } = "Bot";
}

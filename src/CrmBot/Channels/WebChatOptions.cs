using System.ComponentModel.DataAnnotations;

namespace CrmBot.Channels;

/// <summary>The <c>WebChat</c> section of appsettings.json: the customer chat page.</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";
    public const string SessionRateLimit = "chat-sessions";

    /// <summary>
    /// Lets the page sign in as one of the listed demo customers without a password. Unset: on in Development only.
    /// True in another environment switches it on for a demo there, with a warning at start; never on a real shop.
    /// </summary>
    public bool? DemoSignIn { get; set; }

    /// <summary>Chat sessions (Direct Line tokens) one client address may start per minute.</summary>
    [Range(1, 10_000)]
    public int SessionsPerMinute { get; set; } = 30;

    public bool IsDemoSignInOn(IHostEnvironment environment) => DemoSignIn ?? environment.IsDevelopment();
}

using System.ComponentModel.DataAnnotations;

namespace CrmBot.Channels;

/// <summary>The <c>WebChat</c> section of appsettings.json: the customer chat page.</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";
    public const string SessionRateLimit = "chat-sessions";

    /// <summary>Lets the page sign in as a seeded customer without a password. For the demo only: turn it off in production.</summary>
    public bool DemoSignIn { get; set; } = true;

    /// <summary>Chat sessions (Direct Line tokens) one client address may start per minute.</summary>
    [Range(1, 10_000)]
    public int SessionsPerMinute { get; set; } = 30;
}

using CrmBot.BotFramework.Schema;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Optional body of token generation and conversation start. Read case-insensitively: the official samples post
/// <c>{"User":{"Id":"dl_..."}}</c> (digest §4.2), DirectLineJS posts <c>{"user":{}}</c> (§4.1).
/// </summary>
public sealed class TokenParameters
{
    public ChannelAccount? User { get; set; }
    public string? Locale { get; set; }
}

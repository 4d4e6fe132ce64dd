using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace CrmBot.BotFramework.DirectLine;

/// <summary>
/// Id formats. DirectLineJS puts conversation ids and watermarks into URLs without encoding them (digest §4.4), so
/// conversation ids are URL-safe base64 and watermarks are plain digits.
/// </summary>
internal static class DirectLineIds
{
    public const int MaxConversationIdLength = 64;
    public const int MaxUserIdLength = 128;

    /// <summary>128 random bits: unguessable, so knowing one conversation id reveals nothing about another.</summary>
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The <c>dl_</c> prefix marks ids that came from a token (digest §4.2).</summary>
    public static string NewUserId() => "dl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    /// <summary>Azure's shape, <c>{conversationId}|0000001</c> (digest §4.3): ordered and unique per conversation.</summary>
    public static string ActivityId(string conversationId, long sequence) =>
        conversationId + "|" + sequence.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>
    /// For activities that are pushed but never stored (typing): unique, so clients that de-duplicate by id keep them
    /// apart, and visibly not a sequence number.
    /// </summary>
    public static string EphemeralActivityId(string conversationId) =>
        conversationId + "|typing-" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9));

    public static bool IsConversationId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxConversationIdLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool IsUserId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxUserIdLength && !value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));

    /// <summary>Empty or absent means "from the beginning" (DirectLineJS's first poll is <c>?watermark=</c>).</summary>
    public static bool TryParseWatermark(string? value, out long watermark)
    {
        watermark = 0;
        return string.IsNullOrEmpty(value)
            || (value.All(char.IsAsciiDigit) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out watermark));
    }

    public static string FormatWatermark(long watermark) => watermark.ToString(CultureInfo.InvariantCulture);
}

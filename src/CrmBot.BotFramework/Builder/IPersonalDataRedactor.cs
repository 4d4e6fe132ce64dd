namespace CrmBot.BotFramework.Builder;

/// <summary>
/// Masks personal data (card numbers, emails, phone numbers) in text a channel keeps. The channel's own log stores
/// customers' activities through it; the raw activity lives only in the pending turn until the bot has read it.
/// </summary>
public interface IPersonalDataRedactor
{
    string Redact(string text);
}

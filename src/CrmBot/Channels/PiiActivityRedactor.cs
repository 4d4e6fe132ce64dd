using CrmBot.BotFramework.Builder;
using CrmBot.Intelligence.Privacy;

namespace CrmBot.Channels;

/// <summary>The channels' logs mask personal data with the same redactor as the CRM's interactions. Stateless; a singleton.</summary>
public sealed class PiiActivityRedactor : IPersonalDataRedactor
{
    public string Redact(string text) => PiiRedactor.Redact(text).Text;
}

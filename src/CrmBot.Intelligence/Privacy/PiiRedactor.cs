
namespace CrmBot.Intelligence.Privacy;

/// <summary>Replaces card numbers, email addresses and phone numbers with placeholders. Pure and thread-safe.</summary>
public static class PiiRedactor
{
    public const string CardPlaceholder = "[card number]";
    public const string EmailPlaceholder = "[email]";
    public const string PhonePlaceholder = "[phone]";

    public static RedactionResult Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kinds = new List<string>();
        // Cards first: a 16-digit card number would otherwise be half-eaten by the phone pattern.
        string result = PiiPatterns.CardCandidate().Replace(text, m =>
        {
            if (!PiiPatterns.PassesLuhn(m.ValueSpan))
            {
                return m.Value;
            }
            Note(kinds, "card");
            return CardPlaceholder;
        });
        result = PiiPatterns.Email().Replace(result, _ =>
        {
            Note(kinds, "email");
            return EmailPlaceholder;
        });
        result = PiiPatterns.Phone().Replace(result, _ =>
        {
            Note(kinds, "phone");
            return PhonePlaceholder;
        });
        return new RedactionResult(result, kinds);
    }

    private static void Note(List<string> kinds, string kind)
    {
        if (!kinds.Contains(kind))
        {
            kinds.Add(kind);
        }
    }
}

/// <summary>The redacted text and which kinds of personal data were removed from it.</summary>
public sealed record RedactionResult(string Text, IReadOnlyList<string> Kinds)
{
    public bool Changed => Kinds.Count > 0;
}

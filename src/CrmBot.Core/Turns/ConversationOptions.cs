using System.ComponentModel.DataAnnotations;

namespace CrmBot.Core.Turns;

/// <summary>The <c>Conversation</c> section of appsettings.json.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversation";

    /// <summary>Longer messages are cut to this many characters before they are understood and stored.</summary>
    [Range(100, 20_000)]
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>How many recent customer turns the rolling conversation sentiment looks at.</summary>
    [Range(1, 50)]
    public int SentimentWindow { get; set; } = 5;

    /// <summary>While a dialog waits for an answer, a message with another intent at least this confident starts that intent instead.</summary>
    [Range(0.0, 1.0)]
    public double TopicSwitchConfidence { get; set; } = 0.6;

    /// <summary>Wrong email/proof combinations allowed before verification locks for the conversation.</summary>
    [Range(1, 10)]
    public int MaxVerificationAttempts { get; set; } = 3;

    /// <summary>Wrong proofs for one email address, over all conversations, that lock its verification in chat.</summary>
    [Range(1, 100)]
    public int VerificationFailuresPerEmail { get; set; } = 5;

    /// <summary>How long failures against an email address count towards <see cref="VerificationFailuresPerEmail"/>.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan VerificationFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an email address stays locked once it reached <see cref="VerificationFailuresPerEmail"/>.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan VerificationLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Below this normalised retrieval score the bot says it has no good article rather than guessing.</summary>
    [Range(0.0, 1.0)]
    public double KnowledgeMinScore { get; set; } = 0.3;

    [Required]
    public string ShopName { get; set; } = "Brightwave Electronics";

    /// <summary>IANA time zone of the support team, for opening hours.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/London";
}

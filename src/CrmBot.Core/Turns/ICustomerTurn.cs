using CrmBot.Core.Customers;
using CrmBot.Core.Storage;

namespace CrmBot.Core.Turns;

/// <summary>
/// What a plugin may see of the turn it runs in: the store, the time, and the customer once verified. Plugins get
/// personal data only through here, so neither a dialog nor a model can ask for another customer's data. Declared
/// below the conversation model so plugins need not know how a conversation is stored.
/// </summary>
public interface ICustomerTurn
{
    CrmDbContext Db { get; }
    Guid ConversationId { get; }
    /// <summary>The channel the customer writes on: "directline", "msteams"…</summary>
    string Channel { get; }
    DateTimeOffset Now { get; }
    /// <summary>The verified customer; null until verification succeeds.</summary>
    Customer? Customer { get; }
    /// <summary>The intent of the customer's message; null outside a customer turn.</summary>
    string? Intent { get; }
    /// <summary>The sentiment score of the customer's message, -1 to 1; null outside a customer turn.</summary>
    double? Sentiment { get; }
    /// <summary>The sentiment label of the customer's message ("negative", "angry"…); null outside a customer turn.</summary>
    string? SentimentLabel { get; }
    /// <summary>The conversation's rolling sentiment, -1 to 1.</summary>
    double ConversationSentiment { get; }
    /// <summary>Whether the conversation is with people (waiting for or talking to an agent) rather than the bot.</summary>
    bool IsEscalated { get; }
    /// <summary>Failed identity checks in this conversation since the last success.</summary>
    int FailedVerifications { get; }

    /// <summary>Links the conversation and the channel account to <paramref name="customer"/> and clears the failure count.</summary>
    void Verify(Customer customer);

    /// <summary>Counts one failed identity check against this conversation.</summary>
    void RecordFailedVerification();
}

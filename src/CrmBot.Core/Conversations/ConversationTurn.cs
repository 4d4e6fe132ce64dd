using CrmBot.Core.Customers;
using CrmBot.Core.Storage;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Conversations;

/// <summary>What one turn knows about its conversation: the store, who the customer is (once verified) and when it is.</summary>
public sealed class ConversationTurn : ICustomerTurn
{
    public required CrmDbContext Db { get; init; }
    public required Conversation Conversation { get; init; }
    public required ChannelAccount Account { get; init; }
    public required DateTimeOffset Now { get; init; }
    public Customer? Customer { get; set; }
    public string? Intent { get; set; }
    public double? Sentiment { get; set; }
    public string? SentimentLabel { get; set; }
    /// <summary>The stored customer message this turn answers; null outside a customer turn.</summary>
    public long? MessageId { get; init; }

    public bool IsVerified => Customer is not null;

    public Guid ConversationId => Conversation.Id;

    public string Channel => Conversation.Channel;

    public double ConversationSentiment => Conversation.Sentiment;

    public bool IsEscalated => Conversation.Status == ConversationStatus.Escalated || Conversation.Owner != ConversationOwner.Bot;

    public int FailedVerifications => Conversation.VerificationAttempts;

    public void Verify(Customer customer)
    {
        Customer = customer;
        Conversation.CustomerId = customer.Id;
        Account.CustomerId = customer.Id;
        Account.VerifiedAt = Now;
        Conversation.VerificationAttempts = 0;
    }

    public void RecordFailedVerification() => Conversation.VerificationAttempts++;
}

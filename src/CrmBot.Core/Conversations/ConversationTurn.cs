using CrmBot.Core.Customers;
using CrmBot.Core.Storage;

namespace CrmBot.Core.Conversations;

/// <summary>
/// What one turn knows about its conversation: the store, who the customer is (once verified) and when it is.
/// Plugins get personal data only through here, so the model or a dialog can never ask for another customer's data.
/// </summary>
public sealed class ConversationTurn
{
    public required CrmDbContext Db { get; init; }
    public required Conversation Conversation { get; init; }
    public required ChannelAccount Account { get; init; }
    public required DateTimeOffset Now { get; init; }
    public Customer? Customer { get; set; }
    public string? Intent { get; set; }
    public double? Sentiment { get; set; }

    public bool IsVerified => Customer is not null;
}

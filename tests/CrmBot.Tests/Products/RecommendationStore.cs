using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Plugins;
using CrmBot.Core.Recommendations;
using CrmBot.Tests.Seeding;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.Products;

/// <summary>
/// A seeded store of its own (suggestions write RecommendationEvents) and a way to call <c>products.recommend</c> as a
/// dialog would, in a conversation of its own, as a guest or as a seeded customer.
/// </summary>
public sealed class RecommendationStore : IAsyncLifetime
{
    public TestStore Store { get; private set; } = null!;

    /// <summary>The engine trained on the store's orders, with every customer and visitor in the blend arm of the experiment.</summary>
    public SuggestionServices Suggestions { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await TestStore.CreateSeededAsync(SeededStoreFixture.Now);
        var options = Options.Create(new RecommendationOptions
        {
            Experiment = new ExperimentOptions { Name = "tests", Arms = { [RecommendationStrategies.PersonalBlend] = 1 } },
        });
        var model = new SuggestionModel(new CrmBotPaths(Store.DataDirectory, "", ""), options, NullLogger<SuggestionModel>.Instance);
        await using (var db = Store.Open())
        {
            await model.LoadOrTrainAsync(db, Store.Clock.GetUtcNow(), force: false, CancellationToken.None);
        }
        Suggestions = new SuggestionServices(new ProductSales(), model, new StrategyAssignment(options));
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    public Task<(ProductRecommendations Result, Guid ConversationId)> RecommendAsync(string request, string category = "", string? email = null, bool complement = true) =>
        InConversationAsync([], request, category, email, complement);

    /// <summary>Runs the request after earlier customer messages in the same conversation (text, and the dialog that handled it).</summary>
    public async Task<(ProductRecommendations Result, Guid ConversationId)> InConversationAsync(
        IReadOnlyList<(string Text, string HandledBy)> earlier, string request, string category = "", string? email = null, bool complement = true)
    {
        await using var db = Store.Open();
        var turn = await TurnAfterAsync(db, [.. earlier, (request, "")], email);
        var result = await new ProductsPlugin(turn, Suggestions).RecommendAsync(category, request, complement, CancellationToken.None);
        await db.SaveChangesAsync();
        return (result, turn.Conversation.Id);
    }

    /// <summary>The end-of-conversation offer after these customer messages (the last one being this turn's).</summary>
    public async Task<(ProductRecommendations Result, Guid ConversationId)> OfferAsync(IReadOnlyList<string> messages, string? email = null)
    {
        await using var db = Store.Open();
        var turn = await TurnAfterAsync(db, [.. messages.Select(m => (m, ""))], email);
        var result = await new ProductRecommender(turn, Suggestions).OfferAsync(CancellationToken.None);
        await db.SaveChangesAsync();
        return (result, turn.Conversation.Id);
    }

    /// <summary>A conversation of its own holding these customer messages, the last one at the turn's time, and that turn.</summary>
    private async Task<ConversationTurn> TurnAfterAsync(CrmDbContext db, IReadOnlyList<(string Text, string HandledBy)> messages, string? email)
    {
        var customer = email is null ? null : await db.Customers.SingleAsync(c => c.Email == email);
        var now = Store.Clock.GetUtcNow();
        var account = new ChannelAccount { Channel = "test", AccountId = Guid.NewGuid().ToString("N"), CustomerId = customer?.Id, FirstSeenAt = now };
        var conversation = new Conversation
        {
            Channel = "test",
            ChannelConversationId = Guid.NewGuid().ToString("N"),
            ChannelAccount = account,
            CustomerId = customer?.Id,
            StartedAt = now,
            LastActivityAt = now,
        };
        db.Conversations.Add(conversation);
        // The engine stores the message being answered before the turn runs, at the turn's time; earlier ones came before.
        foreach (var (m, i) in messages.Select((m, i) => (m, i)))
        {
            db.Interactions.Add(new Interaction
            {
                Conversation = conversation,
                Direction = InteractionDirection.Inbound,
                Author = InteractionAuthor.Customer,
                Text = m.Text,
                Timestamp = now - TimeSpan.FromMinutes(messages.Count - 1 - i),
                HandledBy = m.HandledBy.Length > 0 ? m.HandledBy : null,
            });
        }
        await db.SaveChangesAsync();
        return new ConversationTurn { Db = db, Conversation = conversation, Account = account, Now = now, Customer = customer };
    }
}

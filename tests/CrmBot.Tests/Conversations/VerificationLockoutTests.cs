using CrmBot.Core.Conversations;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using CrmBot.Core.Engine;

namespace CrmBot.Tests.Conversations;

/// <summary>
/// Guest verification is limited per email address across conversations, so starting a new chat does not buy new
/// guesses, and a locked address answers exactly as an unknown one does.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VerificationLockoutTests(CrmBotAppFixture trained)
{
    private const string WrongPostcode = "SW1A 1AA";
    private const string AlicePostcode = "M1 4BT";
    private const string UnknownEmail = "nobody.here@example.com";

    [Fact]
    public async Task Failed_verifications_in_separate_conversations_lock_the_email_until_the_window_passes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var dataDirectory = HandoffApp.NewDataDirectory(trained);
        try
        {
            await using var app = new HandoffApp(dataDirectory, clock);
            var engine = app.Services.GetRequiredService<ConversationEngine>();

            // Five wrong postcodes for Alice: three in one chat (which locks that chat), two more in a new one.
            var first = await GuestAsync(engine);
            Assert.Contains("don't match", await TryAsync(first, DemoDataSeeder.DemoCustomerEmail, WrongPostcode));
            Assert.Contains("don't match", await TryAsync(first, DemoDataSeeder.DemoCustomerEmail, WrongPostcode));
            Assert.Contains("couldn't confirm your identity", await TryAsync(first, DemoDataSeeder.DemoCustomerEmail, WrongPostcode));
            var second = await GuestAsync(engine);
            Assert.Contains("don't match", await TryAsync(second, DemoDataSeeder.DemoCustomerEmail, WrongPostcode));
            Assert.Contains("don't match", await TryAsync(second, DemoDataSeeder.DemoCustomerEmail, WrongPostcode));

            var lockedOut = await TryAsync(await GuestAsync(engine), DemoDataSeeder.DemoCustomerEmail, AlicePostcode);
            clock.Advance(TimeSpan.FromMinutes(14));
            var stillLockedOut = await TryAsync(await GuestAsync(engine), DemoDataSeeder.DemoCustomerEmail, AlicePostcode);
            clock.Advance(TimeSpan.FromMinutes(2));
            var afterTheWindow = await TryAsync(await GuestAsync(engine), DemoDataSeeder.DemoCustomerEmail, AlicePostcode);

            Assert.DoesNotContain("Thanks Alice", lockedOut);
            Assert.Contains("too many attempts", lockedOut);
            Assert.Equal(lockedOut, stillLockedOut);
            Assert.Contains("Thanks Alice", afterTheWindow);
        }
        finally
        {
            TestDirectories.Delete(dataDirectory);
        }
    }

    [Fact]
    public async Task Locked_out_customer_email_gets_the_same_answers_as_an_unknown_one()
    {
        var dataDirectory = HandoffApp.NewDataDirectory(trained);
        try
        {
            await using var app = new HandoffApp(dataDirectory);
            var engine = app.Services.GetRequiredService<ConversationEngine>();

            var customerAnswers = await FailFiveTimesThenTryAsync(engine, DemoDataSeeder.DemoCustomerEmail, AlicePostcode);
            var unknownAnswers = await FailFiveTimesThenTryAsync(engine, UnknownEmail, AlicePostcode);

            Assert.Equal(customerAnswers, unknownAnswers);
            Assert.Contains("too many attempts", customerAnswers[^1]);
        }
        finally
        {
            TestDirectories.Delete(dataDirectory);
        }
    }

    /// <summary>Five wrong postcodes in chats of two or three tries each, then the given proof in a new chat; every answer in order.</summary>
    private static async Task<List<string>> FailFiveTimesThenTryAsync(ConversationEngine engine, string email, string finalProof)
    {
        var answers = new List<string>();
        foreach (var tries in new[] { 2, 2, 1 })
        {
            var chat = await GuestAsync(engine);
            for (int i = 0; i < tries; i++)
            {
                answers.Add(await TryAsync(chat, email, WrongPostcode));
            }
        }
        answers.Add(await TryAsync(await GuestAsync(engine), email, finalProof));
        return answers;
    }

    /// <summary>A visitor who is not signed in asks about an order, so the bot asks who they are.</summary>
    private static async Task<ChatSession> GuestAsync(ConversationEngine engine)
    {
        var chat = new ChatSession(engine);
        Assert.Contains("email address", await chat.ReplyToAsync("where is my order?"));
        return chat;
    }

    /// <summary>Answers the email question and then the proof question; the bot's answer to the proof.</summary>
    private static async Task<string> TryAsync(ChatSession chat, string email, string proof)
    {
        Assert.Contains("order numbers", await chat.ReplyToAsync(email));
        return await chat.ReplyToAsync(proof);
    }
}

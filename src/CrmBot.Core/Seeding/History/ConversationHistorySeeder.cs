using CrmBot.Core.Conversations;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using CrmBot.Core.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmBot.Core.Engine;
using CrmBot.Core.Customers;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Seeding.History;

/// <summary>
/// Gives a fresh demo store its past: <see cref="HistoryOptions.Days"/> days of conversations between the seeded
/// customers and the bot, and the agents they were handed to, so the supervisor's dashboard has something to show
/// on first start.
/// <para>
/// How consistent it is with the live bot. Every customer message is read by the trained intent and sentiment models
/// (<see cref="MessageUnderstander.UnderstandAll"/>: the same steps as a live turn, the embeddings in batches), and the
/// labels stored are the models' own. Whether the bot escalates is the real <see cref="EscalationPolicy"/> on those
/// labels; what it answers comes from the dialog files, run by the real <see cref="DialogInterpreter"/> against the
/// orders as they stood at the time (<see cref="HistoryDialogFunctions"/>), from canned responses and from the help
/// centre. The whole engine is not run: a live turn costs 15–19 ms in process (README, "one full turn in process"),
/// so the ~19,000 customer messages of 90 days would take five to six minutes of the first start, and the engine's
/// clock, store writes and random escalation references would make the history neither fast nor repeatable. Only
/// the parts of a turn that decide what is said are used, and <see cref="HistoryResponder"/> names what is left out.
/// </para>
/// The random sequences start from the demo seed and the timestamps from the start of the current UTC day, so the same
/// day and the same models give the same history. Stateless; a DI singleton.
/// </summary>
public sealed class ConversationHistorySeeder(
    MessageUnderstander understander,
    DialogCatalog dialogs,
    DialogInterpreter interpreter,
    EscalationPolicy policy,
    Interruptions interruptions,
    HelpCentreAnswers answers,
    TurnResponder welcome,
    SystemReplies replies,
    IOptions<HistoryOptions> options,
    IOptions<ConversationOptions> conversationOptions,
    IOptions<EscalationOptions> escalationOptions,
    TimeProvider time,
    ILogger<ConversationHistorySeeder> logger)
{
    /// <summary>Seeds the history into a demo store that has no conversations yet; otherwise writes nothing and says why.</summary>
    public async Task<HistorySummary> SeedIfEmptyAsync(CrmDbContext db, CancellationToken ct)
    {
        if (options.Value.Days == 0)
        {
            return HistorySummary.Skipped($"{HistoryOptions.Section}:Days is 0");
        }
        if (await db.Conversations.AnyAsync(ct))
        {
            return HistorySummary.Skipped("the store already holds conversations");
        }
        if (!await db.Customers.AnyAsync(c => c.Email == DemoDataSeeder.DemoCustomerEmail, ct))
        {
            return HistorySummary.Skipped("the store does not hold the demo shop");
        }
        return await SeedAsync(db, ct);
    }

    /// <summary>Plays and writes the history, in one transaction. The store must hold the demo shop and no conversations.</summary>
    public async Task<HistorySummary> SeedAsync(CrmDbContext db, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var processor = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(conversationOptions.Value.TimeZone);
        var shop = await ShopSnapshot.LoadAsync(db, ct);
        var plans = new HistoryPlanner(shop, zone).Plan(today, options.Value.Days, options.Value.ConversationsPerDay, DemoDataSeeder.Seed);
        var world = new HistoryWorld(
            HistoryPhrasesFile.LoadEmbedded(), dialogs, shop,
            new HistoryResponder(dialogs, interpreter, policy, interruptions, answers, conversationOptions),
            new HandoffPlanner(shop.Agents, escalationOptions.Value, zone, today),
            policy, escalationOptions.Value, conversationOptions.Value, welcome, replies, zone, today);
        var conversations = plans.Select(p => new SimulatedConversation(world, p)).ToList();

        // All conversations advance together, one customer message each per round, so each round's messages are
        // understood in one batch: the sentence embeddings, most of the cost, are computed in batches and once per text.
        var understanding = TimeSpan.Zero;
        var reading = new BulkReading();
        var active = conversations;
        while (active.Count > 0)
        {
            var round = active.Select(c => (Conversation: c, Message: c.NextMessage())).Where(m => m.Message is not null).ToList();
            var understood = time.GetTimestamp();
            var results = understander.UnderstandAll(round.Select(m => (m.Message!.Text, DateOnly.FromDateTime(m.Conversation.PendingAt.UtcDateTime))).ToList(), reading, ct);
            understanding += time.GetElapsedTime(understood);
            for (var i = 0; i < round.Count; i++)
            {
                await round[i].Conversation.ReceiveAsync(results[i], ct);
            }
            active = round.Select(m => m.Conversation).Where(c => !c.IsDone).ToList();
        }

        await using (var transaction = await db.BeginWriteAsync(ct))
        {
            await HistoryWriter.WriteAsync(db, conversations, DemoDataSeeder.Seed + 1, ct);
            await transaction.CommitAsync(ct);
        }
        var summary = new HistorySummary(true, conversations.Count, conversations.Sum(c => c.Rows.Count),
            conversations.Sum(c => c.Rows.Count(r => r.Row.Direction == InteractionDirection.Inbound)), reading.TextCount, reading.VectorCount,
            conversations.Sum(c => c.Escalations.Count), understanding, time.GetElapsedTime(started),
            System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - processor);
        logger.LogInformation(
            "Seeded {Days} days of conversation history in {ElapsedMs} ms ({ProcessorMs} ms of CPU): {Conversations} conversations, {Messages} messages ({CustomerMessages} from customers, {Distinct} different, {Vectors} sentence vectors, understood in {UnderstandingMs} ms), {Escalations} escalations",
            options.Value.Days, (long)summary.Elapsed.TotalMilliseconds, (long)summary.ProcessorTime.TotalMilliseconds, summary.Conversations, summary.Messages, summary.CustomerMessages,
            summary.DistinctTexts, summary.Vectors, (long)summary.Understanding.TotalMilliseconds, summary.Escalations);
        return summary;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using CrmBot.Core.Customers;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Llm;
using CrmBot.Core.Plugins;
using CrmBot.Core.Privacy;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CrmBot.Core.Conversations;
using CrmBot.Core.Messages;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Engine;

/// <summary>
/// Step 4–5 of a turn: given what the message means, decide who answers (escalation policy, the active dialog,
/// a new dialog, a canned response, the knowledge base) and produce the replies. Updates the conversation's
/// counters and dialog state; the engine stores everything. Stateless; a DI singleton.
/// </summary>
public sealed class TurnResponder(
    DialogCatalog dialogs,
    DialogInterpreter interpreter,
    EscalationPolicy policy,
    EscalationService escalations,
    EscalationRouter router,
    KnowledgeSearch knowledge,
    MessageUnderstander understander,
    RequestSplitter splitter,
    Interruptions interruptions,
    HelpCentreAnswers answers,
    SuggestionServices suggestions,
    PrivacyDesk privacy,
    SystemReplies say,
    TurnAssistant model,
    IOptions<ConversationOptions> options,
    IOptions<RecommendationOptions> recommendationOptions)
{
    /// <summary>How many queued requests one turn may work through before it waits for the customer.</summary>
    private const int RequestsPerTurn = 3;

    public const string OutOfScope = "out_of_scope";
    private static readonly string[] MainActions = ["Track my order", "Return an item", "Delivery options", "Talk to a person"];

    /// <summary>What the bot says when a customer opens the chat.</summary>
    public BotMessage Welcome(Customer? customer) => new(
        customer is null
            ? say.Text(SystemReplies.WelcomeGuest)
            : say.Text(SystemReplies.WelcomeCustomer, new JsonObject { ["customer"] = new JsonObject { ["first_name"] = customer.FirstName } }),
        "welcome") { SuggestedActions = MainActions };

    public async Task<TurnDecision> RespondAsync(ConversationTurn turn, CleanInput input, string redactedText, MessageUnderstanding understanding, CancellationToken ct)
    {
        var conversation = turn.Conversation;
        var replies = new List<BotMessage>();
        if (input.Flags.Contains(InputCleaner.Truncated))
        {
            replies.Add(new BotMessage(say.Text(SystemReplies.MessageTruncated, new JsonObject { ["characters"] = options.Value.MaxMessageLength.ToString("N0", CultureInfo.InvariantCulture) }), "input"));
        }
        if (conversation.CsatEscalationId is { } rated)
        {
            // The rating question is asked once: an answer that is not a rating is an ordinary message.
            conversation.CsatEscalationId = null;
            if (CsatRating.TryParse(input.Text, out int rating) && await turn.Db.Escalations.FindAsync([rated], ct) is { Status: EscalationStatus.Resolved } closed)
            {
                closed.Rate(rating, turn.Now);
                replies.Add(new BotMessage(say.Text(rating >= 4 ? SystemReplies.RatingThanks : SystemReplies.RatingSorry, new JsonObject { ["rating"] = rating }), "csat")
                {
                    SuggestedActions = MainActions,
                });
                return new TurnDecision(replies, null);
            }
        }
        if (conversation.Owner == ConversationOwner.Agent)
        {
            // A person has the conversation: the message is stored and relayed to their console, and the bot stays quiet.
            return new TurnDecision(replies, null);
        }
        if (conversation.Status == ConversationStatus.Escalated)
        {
            replies.Add(await WaitingReplyAsync(turn, ct));
            return new TurnDecision(replies, null);
        }
        if (understanding.Intent == MessageUnderstanding.Empty)
        {
            replies.Add(new BotMessage(say.Text(SystemReplies.EmptyMessage), "input") { SuggestedActions = MainActions });
            return new TurnDecision(replies, null);
        }

        // Our models only understand English: a French complaint must not be read as a very negative English message.
        if (TextTraits.LooksForeign(input.Text))
        {
            replies.Add(new BotMessage(say.Text(SystemReplies.OtherLanguage), "fallback")
            {
                SuggestedActions = ["Talk to a person"],
            });
            conversation.ConsecutiveFallbacks++;
            return policy.AfterFallback(conversation) is { } noLanguage
                ? await EscalateAsync(turn, noLanguage, understanding, input.Text, [], ct)
                : new TurnDecision(replies, null);
        }
        if (policy.BeforeRouting(understanding, conversation, turn.Customer) is { } escalate)
        {
            return await EscalateAsync(turn, escalate, understanding, input.Text, replies, ct);
        }

        // Built only when a dialog runs: the kernel and its plugins cost reflection that FAQ and small-talk turns don't need.
        var functions = new Lazy<DialogFunctions>(() => new DialogFunctions(turn, options.Value, knowledge, escalations, suggestions, privacy));
        var state = DialogState.Deserialize(conversation.DialogState);
        var dialogTurn = new DialogTurn(input.Text, redactedText, understanding.Entities, Globals(turn), () => turn.IsVerified, conversation.CustomerTurns);
        var today = DateOnly.FromDateTime(turn.Now.UtcDateTime);
        bool fallback;
        string? reference = null;
        var interruption = state.IsActive ? interruptions.Classify(understanding, state, dialogTurn) : Interrupt.None;
        if (interruption == Interrupt.None && state.IsActive)
        {
            var outcome = await interpreter.ContinueAsync(state, dialogTurn, functions.Value, ct);
            replies.AddRange(outcome.Messages);
            fallback = outcome.SlotFailed;
            reference = outcome.EscalationReference;
        }
        else if (interruption == Interrupt.Aside)
        {
            // A question in between (delivery to Ireland while the bot waits for an order number): answer it, then ask again.
            (fallback, reference) = await RouteAsync(turn, new DialogState(), dialogTurn, understanding, functions, replies, ct);
            if (reference is null && await interpreter.RepeatQuestionAsync(state, dialogTurn, functions.Value, ct) is { } again)
            {
                replies.Add(again with { Text = "Back to your earlier question: " + again.Text });
            }
        }
        else
        {
            var queue = interruption == Interrupt.Closing ? [] : state.Queue;
            state = new DialogState { Queue = queue };
            var requests = splitter.Split(input.Text, understanding, today, options.Value.TopicSwitchConfidence);
            var first = requests[0];
            foreach (var (text, _) in requests.Skip(1))
            {
                // The queue is stored with the conversation, so it holds what the store may hold: redacted text.
                state.Queue.Add(Intelligence.Privacy.PiiRedactor.Redact(text).Text);
            }
            var firstTurn = requests.Count == 1 ? dialogTurn : PartTurn(first.Text, first.Understanding, turn);
            (fallback, reference) = await RouteAsync(turn, state, firstTurn, requests.Count == 1 ? understanding : first.Understanding, functions, replies, ct);
        }
        reference ??= await WorkThroughQueueAsync(turn, state, functions, replies, today, ct);
        if (reference is not null)
        {
            state = new DialogState();
        }
        interpreter.ForgetSecrets(state);
        conversation.DialogState = state.Serialize();
        conversation.ConsecutiveFallbacks = fallback ? conversation.ConsecutiveFallbacks + 1 : 0;

        if (fallback && reference is null && policy.AfterFallback(conversation) is { } giveUp)
        {
            replies.Clear();
            return await EscalateAsync(turn, giveUp, understanding, input.Text, replies, ct);
        }
        if (reference is null && !fallback && await ClosingOfferAsync(turn, understanding, ct) is { } offer)
        {
            replies.Add(offer);
        }
        return new TurnDecision(replies, reference);
    }

    /// <summary>A few products for a happy customer saying thanks or goodbye (<see cref="SuggestionMoments"/> has the rules).</summary>
    private async Task<BotMessage?> ClosingOfferAsync(ConversationTurn turn, MessageUnderstanding understanding, CancellationToken ct)
    {
        var settings = recommendationOptions.Value;
        if (!settings.ClosingOffer || !SuggestionMoments.ClosingIntents.Contains(understanding.Intent) || turn.Customer is not { MarketingConsent: true }
            || await SuggestionMoments.UnaskedAsync(turn, settings.ClosingOfferMinSentiment, ct) != SuggestionMoments.Blocker.None)
        {
            return null;
        }
        var offer = await new ProductRecommender(turn, suggestions).OfferAsync(ct);
        return offer.Products.Count == 0 ? null
            : new BotMessage(say.Text(SystemReplies.ClosingOffer, new JsonObject { ["selection"] = offer.Selection }), "closing_offer") { Products = offer.Products };
    }

    /// <summary>
    /// Requests the customer made together ("…and send me the invoice") wait in the dialog state; whenever no dialog
    /// is waiting for an answer, the next one runs, understood on its own text so that its order number is its own.
    /// </summary>
    private async Task<string?> WorkThroughQueueAsync(ConversationTurn turn, DialogState state, Lazy<DialogFunctions> functions,
        List<BotMessage> replies, DateOnly today, CancellationToken ct)
    {
        for (var done = 0; done < RequestsPerTurn && !state.IsActive && state.Queue.Count > 0; done++)
        {
            var text = state.Queue[0];
            state.Queue.RemoveAt(0);
            var understanding = understander.Understand(text, today);
            var (_, reference) = await RouteAsync(turn, state, PartTurn(text, understanding, turn), understanding, functions, replies, ct);
            if (reference is not null)
            {
                return reference;
            }
        }
        return null;
    }

    private DialogTurn PartTurn(string text, MessageUnderstanding understanding, ConversationTurn turn) =>
        new(text, Intelligence.Privacy.PiiRedactor.Redact(text).Text, understanding.Entities, Globals(turn), () => turn.IsVerified, turn.Conversation.CustomerTurns);

    private async Task<(bool Fallback, string? Reference)> RouteAsync(ConversationTurn turn, DialogState state, DialogTurn dialogTurn,
        MessageUnderstanding understanding, Lazy<DialogFunctions> functions, List<BotMessage> replies, CancellationToken ct)
    {
        var intent = understanding.Intent;
        if (intent == MessageUnderstanding.EmojiOnly)
        {
            replies.Add(EmojiReply(understanding));
            return (false, null);
        }
        var dialog = intent == OutOfScope ? null : dialogs.ForIntent(intent);
        var helpCentreTopic = dialog is { HasFlow: false, Responses.Count: 0 };
        var answer = helpCentreTopic ? answers.Find(dialogTurn.Text, understanding) : KnowledgeAnswer.None;
        if ((dialog is null || helpCentreTopic) && await answers.FollowUpAsync(turn, dialogTurn.Text, answer, ct) is { } followUp)
        {
            replies.Add(HelpCentreAnswers.Reply(followUp));
            return (false, null);
        }
        if (dialog is null && model.Enabled && await model.ClassifyAsync(turn, dialogTurn.Text, [.. dialogs.All.Where(d => d.Examples.Count > 0 && d.Intent != OutOfScope)], ct) is { } named)
        {
            // The offline model was unsure and the language model names one of our flows: route as if it had been sure.
            return await RouteAsync(turn, state, dialogTurn, understanding with { Intent = named, Candidates = [] }, functions, replies, ct);
        }
        if (dialog is null && understanding.Candidates.Select(dialogs.ForIntent).OfType<DialogDefinition>().ToList() is { Count: > 0 } candidates)
        {
            replies.Add(new BotMessage(say.Text(SystemReplies.Clarify), "clarify")
            {
                SuggestedActions = [.. candidates.Select(c => c.Title), "Something else"],
            });
            return (true, null);
        }
        if (dialog is null && await ModelAnswerAsync(turn, dialogTurn, understanding, replies, ct) is { } modelled)
        {
            return modelled;
        }
        if (dialog is null)
        {
            replies.Add(new BotMessage(say.Text(SystemReplies.NotUnderstood), "fallback") { SuggestedActions = MainActions });
            return (true, null);
        }
        if (dialog.Responses.Count > 0)
        {
            var text = dialog.Responses[(int)((uint)dialogTurn.Seed % (uint)dialog.Responses.Count)];
            replies.Add(new BotMessage(TemplateRenderer.Render(text, [], dialogTurn.Globals), dialog.Name) { SuggestedActions = intent == "greeting" ? MainActions : [] });
            return (false, null);
        }
        turn.Conversation.Topic = intent;
        if (dialog.HasFlow)
        {
            var outcome = await interpreter.StartAsync(state, dialog, dialogTurn, functions.Value, ct);
            replies.AddRange(outcome.Messages);
            return (outcome.SlotFailed, outcome.EscalationReference);
        }
        if (answer.Found)
        {
            // Two questions answered by one article get it once.
            if (!replies.Any(r => r.HandledBy == "knowledge:" + answer.Slug))
            {
                replies.Add(HelpCentreAnswers.Reply(answer));
            }
            return (false, null);
        }
        if (await ModelAnswerAsync(turn, dialogTurn, understanding, replies, ct) is { } grounded)
        {
            return grounded;
        }
        replies.Add(new BotMessage(say.Text(SystemReplies.KnowledgeGap), "knowledge")
        {
            SuggestedActions = ["Talk to a person"],
        });
        return (true, null);
    }

    /// <summary>
    /// The language model's answer where the dialogs and the help centre have none; null without a model or when it
    /// failed, and the turn goes on offline. An answer that says it does not know counts as a fallback.
    /// </summary>
    private async Task<(bool Fallback, string? Reference)?> ModelAnswerAsync(ConversationTurn turn, DialogTurn dialogTurn,
        MessageUnderstanding understanding, List<BotMessage> replies, CancellationToken ct)
    {
        if (!model.Enabled || await model.AnswerAsync(turn, dialogTurn.Text, understanding.Intent == OutOfScope ? null : understanding.Intent,
                understanding.Embedding, ct) is not { } answer)
        {
            return null;
        }
        if (answer.Text is { } text)
        {
            replies.Add(new BotMessage(text, "llm")
            {
                SuggestedActions = answer.Escalation is not null ? [] : answer.Unsure ? ["Talk to a person"] : ["That helped, thanks", "Talk to a person"],
            });
        }
        else if (answer.Escalation is { } ticket)
        {
            replies.Add(new BotMessage(say.Text(SystemReplies.EscalationOther, new JsonObject { ["ticket"] = ticket.Message }), "escalation"));
        }
        return (answer.Unsure, answer.Escalation?.Reference);
    }

    private async Task<TurnDecision> EscalateAsync(ConversationTurn turn, EscalationDecision decision, MessageUnderstanding understanding, string text, List<BotMessage> replies, CancellationToken ct)
    {
        if (decision.Reason == EscalationReason.PolicyIntent && answers.Find(text, understanding) is { Found: true } advice)
        {
            // What the customer can do right now (secure the account, forward the scam text) comes before the wait.
            replies.Add(new BotMessage(advice.Summary, "knowledge:" + advice.Slug));
        }
        var intent = understanding.Intent is OutOfScope or MessageUnderstanding.EmojiOnly or EscalationPolicy.HumanIntent ? null : understanding.Intent;
        var ticket = await escalations.EscalateAsync(turn, decision.Reason, decision.Detail, intent, EscalationService.AutoQueue, ct);
        turn.Conversation.DialogState = null;
        var opening = decision.Reason switch
        {
            EscalationReason.CustomerRequest => SystemReplies.EscalationAsked,
            EscalationReason.RepeatedFallback => SystemReplies.EscalationStuck,
            EscalationReason.NegativeSentiment or EscalationReason.VipComplaint => SystemReplies.EscalationUpset,
            _ => SystemReplies.EscalationOther,
        };
        replies.Add(new BotMessage(say.Text(opening, new JsonObject { ["ticket"] = ticket.Message }), "escalation"));
        return new TurnDecision(replies, ticket.Reference);
    }

    private async Task<BotMessage> WaitingReplyAsync(ConversationTurn turn, CancellationToken ct)
    {
        var open = await turn.Db.Escalations.Where(e => e.ConversationId == turn.Conversation.Id)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        if (open is null)
        {
            return new BotMessage(say.Text(SystemReplies.StillWaiting), "queue");
        }
        var place = open.Status == EscalationStatus.Pending ? (await router.StatusAsync(turn.Db, open, ct)).Describe() : "";
        return new BotMessage(say.Text(SystemReplies.StillQueued, new JsonObject { ["queue"] = open.Queue, ["reference"] = open.Reference, ["place"] = place }), "queue");
    }

    private BotMessage EmojiReply(MessageUnderstanding understanding) => understanding.SentimentLabel switch
    {
        "positive" => new BotMessage(say.Text(SystemReplies.EmojiPositive), "emoji"),
        "negative" => new BotMessage(say.Text(SystemReplies.EmojiNegative), "emoji") { SuggestedActions = ["Talk to a person"] },
        _ => new BotMessage(say.Text(SystemReplies.EmojiNeutral), "emoji") { SuggestedActions = MainActions },
    };

    private JsonObject Globals(ConversationTurn turn) => new()
    {
        ["customer"] = new JsonObject
        {
            ["first_name"] = turn.Customer?.FirstName ?? "there",
            ["tier"] = turn.Customer?.Tier.ToString() ?? "",
            ["verified"] = turn.IsVerified,
        },
        ["shop"] = new JsonObject { ["name"] = options.Value.ShopName },
    };
}

/// <summary>The replies a turn produced and the escalation reference, if it escalated.</summary>
public sealed record TurnDecision(IReadOnlyList<BotMessage> Replies, string? EscalationReference);

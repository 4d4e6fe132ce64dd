using System.Text.Json.Nodes;
using CrmBot.Core.Customers;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Plugins;
using CrmBot.Core.Understanding;
using CrmBot.Intelligence.Embeddings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Conversations;

/// <summary>
/// Step 4–5 of a turn: given what the message means, decide who answers (escalation policy, the active dialog,
/// a new dialog, a canned response, the knowledge base) and produce the replies. Updates the conversation's
/// counters and dialog state; the engine stores everything. Stateless; a DI singleton.
/// </summary>
public sealed partial class TurnResponder(
    DialogCatalog dialogs,
    DialogInterpreter interpreter,
    EscalationPolicy policy,
    EscalationService escalations,
    EscalationRouter router,
    KnowledgeSearch knowledge,
    MessageUnderstander understander,
    RequestSplitter splitter,
    SentenceEmbedder embedder,
    IOptions<ConversationOptions> options)
{
    /// <summary>Small talk that ends whatever the bot was asking about.</summary>
    private static readonly HashSet<string> ClosingIntents = ["thanks", "goodbye"];

    /// <summary>How many queued requests one turn may work through before it waits for the customer.</summary>
    private const int RequestsPerTurn = 3;

    public const string OutOfScope = "out_of_scope";
    private static readonly string[] MainActions = ["Track my order", "Return an item", "Delivery options", "Talk to a person"];

    /// <summary>What the bot says when a customer opens the chat.</summary>
    public BotMessage Welcome(Customer? customer) => new(
        customer is null
            ? $"Hi! I'm the {options.Value.ShopName} assistant. I can track orders, help with returns and refunds, invoices, payments, your account and product choices. What can I do for you?"
            : $"Hi {customer.FirstName}, welcome back to {options.Value.ShopName}! I can track your orders, start a return, send invoices or help you choose a product. What can I do for you?",
        "welcome") { SuggestedActions = MainActions };

    public async Task<TurnDecision> RespondAsync(ConversationTurn turn, CleanInput input, string redactedText, MessageUnderstanding understanding, CancellationToken ct)
    {
        var conversation = turn.Conversation;
        var replies = new List<BotMessage>();
        if (input.Flags.Contains(InputCleaner.Truncated))
        {
            replies.Add(new BotMessage($"That was a long message, so I read the first {options.Value.MaxMessageLength:N0} characters.", "input"));
        }
        if (conversation.CsatEscalationId is { } rated)
        {
            // The rating question is asked once: an answer that is not a rating is an ordinary message.
            conversation.CsatEscalationId = null;
            if (CsatRating.TryParse(input.Text, out int rating) && await turn.Db.Escalations.FindAsync([rated], ct) is { } closed)
            {
                closed.Csat = rating;
                closed.Record(EscalationEventKind.Rated, turn.Now, closed.AgentId, rating.ToString(System.Globalization.CultureInfo.InvariantCulture));
                replies.Add(new BotMessage(rating >= 4
                    ? $"Thank you for rating us {rating}/5! Is there anything else I can help with?"
                    : $"Thank you for rating us {rating}/5. I'm sorry it wasn't better; we read every rating to improve. Is there anything else I can help with?", "csat")
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
            replies.Add(new BotMessage("Your message reached me empty. What can I help you with?", "input") { SuggestedActions = MainActions });
            return new TurnDecision(replies, null);
        }

        // Our models only understand English: a French complaint must not be read as a very negative English message.
        if (TextTraits.LooksForeign(input.Text))
        {
            replies.Add(new BotMessage("Sorry, I can only chat in English for now. If you'd prefer another language, ask for a person and our team will help.", "fallback")
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
        var functions = new Lazy<DialogFunctions>(() => new DialogFunctions(turn, options.Value, knowledge, escalations));
        var state = DialogState.Deserialize(conversation.DialogState);
        var dialogTurn = new DialogTurn(input.Text, redactedText, understanding.Entities, Globals(turn), () => turn.IsVerified, conversation.CustomerTurns);
        var today = DateOnly.FromDateTime(turn.Now.UtcDateTime);
        bool fallback;
        string? reference = null;
        var interruption = state.IsActive ? Interruption(understanding, state, dialogTurn) : Interrupt.None;
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
                state.Queue.Add(text);
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
        return new TurnDecision(replies, reference);
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
        if (dialog is not { HasFlow: true } && dialog?.Responses.Count is null or 0
            && await FollowUpAnswerAsync(turn, dialogTurn.Text, KnowledgeAnswer(dialogTurn.Text, understanding), ct) is { } followUp)
        {
            replies.Add(KnowledgeReply(followUp));
            return (false, null);
        }
        if (dialog is null && understanding.Candidates.Select(dialogs.ForIntent).OfType<DialogDefinition>().ToList() is { Count: > 0 } candidates)
        {
            replies.Add(new BotMessage("I want to make sure I get this right. Did you mean one of these?", "clarify")
            {
                SuggestedActions = [.. candidates.Select(c => c.Title), "Something else"],
            });
            return (true, null);
        }
        if (dialog is null)
        {
            replies.Add(new BotMessage(
                "I'm not sure I can help with that. I can track orders, help with returns and refunds, invoices, payments, your account, delivery questions and product suggestions.",
                "fallback") { SuggestedActions = MainActions });
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
        var answer = KnowledgeAnswer(dialogTurn.Text, understanding);
        if (answer.Found)
        {
            // Two questions answered by one article get it once.
            if (!replies.Any(r => r.HandledBy == "knowledge:" + answer.Slug))
            {
                replies.Add(KnowledgeReply(answer));
            }
            return (false, null);
        }
        replies.Add(new BotMessage("I don't have a good answer to that in our help centre. Would you like me to pass you to a person?", "knowledge")
        {
            SuggestedActions = ["Talk to a person"],
        });
        return (true, null);
    }

    private enum Interrupt
    {
        /// <summary>The message is for the waiting dialog (an answer, or a wrong answer to ask again).</summary>
        None,

        /// <summary>A new request with a flow of its own: it replaces the waiting dialog.</summary>
        NewTopic,

        /// <summary>A question answered in one reply (help centre, small talk): answer it and ask the waiting question again.</summary>
        Aside,

        /// <summary>Thanks or goodbye: the customer is done with what the bot was asking.</summary>
        Closing,
    }

    // While a dialog waits, a confident message about something else takes over, unless it is just the answer: a
    // message that fills the slot and says little else ("BW-482913") answers it, while "can you cancel BW-204817
    // instead" is a new request whose order number must not fill the waiting slot. Unsure guesses are answers.
    private Interrupt Interruption(MessageUnderstanding understanding, DialogState state, DialogTurn dialogTurn)
    {
        if (YesNo.IsCallingOff(dialogTurn.Text))
        {
            // "actually no, leave it" may read as a goodbye; it answers the waiting question (no, or never mind).
            return Interrupt.None;
        }
        if (understanding.Confidence < options.Value.TopicSwitchConfidence || understanding.Intent is OutOfScope or MessageUnderstanding.EmojiOnly)
        {
            return Interrupt.None;
        }
        var target = dialogs.ForIntent(understanding.Intent);
        if (target is null || state.Frames.Any(f => dialogs.Get(f.Dialog).Intent == understanding.Intent))
        {
            return Interrupt.None;
        }
        if (interpreter.WaitingSlot(state)?.Types.Contains(SlotDefinition.Text) == true)
        {
            // Free text ("what's the reason for the return?") takes whatever the customer says, "it stopped working" included.
            return Interrupt.None;
        }
        var fills = interpreter.CanFill(state, dialogTurn);
        if (fills && interpreter.WaitingSlot(state)?.Types.Contains(SlotDefinition.YesNo) == true && YesNo.StartsWithAnswer(dialogTurn.Text))
        {
            // "yeah the postcode was wrong, it's gone through now" answers "did that sort it out?", whatever else it mentions.
            return Interrupt.None;
        }
        if (ClosingIntents.Contains(target.Intent))
        {
            return fills ? Interrupt.None : Interrupt.Closing;
        }
        if (target.Responses.Count > 0)
        {
            return Interrupt.None;
        }
        if (fills && (WordsBesideEntities(dialogTurn) < 3 || !RequestSplitter.SoundsLikeRequest(dialogTurn.Text)))
        {
            // "my postcode is M1 4BT" answers; "actually can you cancel BW-204817 instead" asks for something new.
            return Interrupt.None;
        }
        if (target.HasFlow)
        {
            return Interrupt.NewTopic;
        }

        // An aside the help centre can't answer is more likely an answer the bot didn't expect than a question.
        return KnowledgeAnswer(dialogTurn.Text, understanding).Found ? Interrupt.Aside : Interrupt.None;
    }

    private static int WordsBesideEntities(DialogTurn turn)
    {
        var text = turn.Text;
        foreach (var entity in turn.Entities.OrderByDescending(e => e.Start))
        {
            if (entity.Start >= 0 && entity.Start + entity.Length <= text.Length)
            {
                text = text.Remove(entity.Start, entity.Length);
            }
        }
        return text.Split([' ', ',', '.', '?', '!', '-', ':'], StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private async Task<TurnDecision> EscalateAsync(ConversationTurn turn, EscalationDecision decision, MessageUnderstanding understanding, string text, List<BotMessage> replies, CancellationToken ct)
    {
        if (decision.Reason == EscalationReason.PolicyIntent && KnowledgeAnswer(text, understanding) is { Found: true } advice)
        {
            // What the customer can do right now (secure the account, forward the scam text) comes before the wait.
            replies.Add(new BotMessage(advice.Summary, "knowledge:" + advice.Slug));
        }
        var intent = understanding.Intent is OutOfScope or MessageUnderstanding.EmojiOnly or EscalationPolicy.HumanIntent ? null : understanding.Intent;
        var ticket = await escalations.EscalateAsync(turn, decision.Reason, decision.Detail, intent, EscalationService.AutoQueue, ct);
        turn.Conversation.DialogState = null;
        var opening = decision.Reason switch
        {
            EscalationReason.CustomerRequest => "Of course, I'll get you a person.",
            EscalationReason.RepeatedFallback => "I'm sorry, I'm not getting this right.",
            EscalationReason.NegativeSentiment or EscalationReason.VipComplaint => "I'm really sorry about this. I'd like a member of our team to sort it out personally.",
            _ => "This is best handled by a member of our team.",
        };
        replies.Add(new BotMessage($"{opening} {ticket.Message}", "escalation"));
        return new TurnDecision(replies, ticket.Reference);
    }

    private static BotMessage KnowledgeReply(KnowledgeAnswer answer) =>
        new($"{answer.Summary}\n\n(From our help centre: {answer.Title})", "knowledge:" + answer.Slug)
        {
            SuggestedActions = ["That helped, thanks", "Talk to a person"],
        };

    /// <summary>
    /// A short follow-up to a help-centre answer ("can I extend it?", "would I be charged in euro?", "how long does
    /// it take?") means little alone: read together with the question before it, it finds the article it is about.
    /// </summary>
    /// <remarks>The follow-up reading wins only where the message alone finds nothing, or something clearly weaker.</remarks>
    private async Task<KnowledgeAnswer?> FollowUpAnswerAsync(ConversationTurn turn, string text, KnowledgeAnswer alone, CancellationToken ct)
    {
        if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > FollowUpWords || !FollowUpCue().IsMatch(text))
        {
            return null;
        }
        var previous = await turn.Db.Interactions.AsNoTracking()
            .Where(i => i.ConversationId == turn.Conversation.Id && i.Direction == InteractionDirection.Inbound)
            .OrderByDescending(i => i.Id).Skip(1).Select(i => new { i.Text, i.Intent, i.HandledBy }).FirstOrDefaultAsync(ct);
        if (previous?.HandledBy is not { } handledBy || !handledBy.StartsWith("knowledge:", StringComparison.Ordinal))
        {
            return null;
        }
        var combined = previous.Text + " " + text;
        var answer = new KnowledgePlugin(knowledge, options.Value).Answer(combined, previous.Intent ?? "", embedder.Embed(combined));
        return answer.Found && (!alone.Found || answer.Score >= alone.Score + FollowUpMargin) ? answer : null;
    }

    private const double FollowUpMargin = 0.1;

    private const int FollowUpWords = 9;

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:it|its|it's|that|this|those|them|they|there|too|also|as well|and|what about|how about|instead|then)\b|^(?:how long|how much|would|will|do|does|can|could|is|are)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex FollowUpCue();

    // The same function a model would call, so "is this article good enough" is decided in one place.
    private KnowledgeAnswer KnowledgeAnswer(string text, MessageUnderstanding understanding) =>
        new KnowledgePlugin(knowledge, options.Value).Answer(text, understanding.Intent, understanding.Embedding);

    private async Task<BotMessage> WaitingReplyAsync(ConversationTurn turn, CancellationToken ct)
    {
        var open = await turn.Db.Escalations.Where(e => e.ConversationId == turn.Conversation.Id)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        if (open is null)
        {
            return new BotMessage("A member of our team will be with you shortly; they'll see this message.", "queue");
        }
        var place = open.Status == EscalationStatus.Pending ? (await router.StatusAsync(turn.Db, open, ct)).Describe() + " " : "";
        return new BotMessage(
            $"You're in the queue for our {open.Queue} team (reference {open.Reference}). {place}I've added your message so the agent sees it when they join.",
            "queue");
    }

    private static BotMessage EmojiReply(MessageUnderstanding understanding) => understanding.SentimentLabel switch
    {
        "positive" => new BotMessage("😊 Glad to hear it! Is there anything else I can help with?", "emoji"),
        "negative" => new BotMessage("I'm sorry something's not right. Tell me what happened and I'll help, or I can get you a person.", "emoji")
        {
            SuggestedActions = ["Talk to a person"],
        },
        _ => new BotMessage("What can I help you with today?", "emoji") { SuggestedActions = MainActions },
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

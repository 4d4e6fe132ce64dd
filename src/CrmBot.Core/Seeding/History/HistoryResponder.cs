using System.Text.Json.Nodes;
using CrmBot.Core.Conversations;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Understanding;
using Microsoft.Extensions.Options;
using CrmBot.Core.Messages;
using CrmBot.Core.Engine;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Seeding.History;

/// <summary>What the bot answered to one message of the history, and whether it handed the conversation to a person.</summary>
internal sealed record HistoryReplies(IReadOnlyList<BotMessage> Replies, bool Escalated);

/// <summary>
/// The bot's side of a past conversation, decided as <see cref="TurnResponder"/> decides a live turn and with the same
/// parts: the escalation policy, the interruption rules, the dialog interpreter running the dialog files, canned
/// responses and help-centre answers. What it leaves out needs the live store: splitting one message into several
/// requests, reading a short follow-up together with the previous question, and product suggestions (a message that
/// would start a dialog it cannot play is not sent: <see cref="RespondAsync"/> returns null). Texts that live in C#
/// today (fallback, escalation, rating thanks) are the engine's words; they move with them to dialogs/ (issue 10).
/// Stateless; a DI singleton.
/// </summary>
internal sealed class HistoryResponder(
    DialogCatalog dialogs,
    DialogInterpreter interpreter,
    EscalationPolicy policy,
    Interruptions interruptions,
    HelpCentreAnswers answers,
    IOptions<ConversationOptions> options)
{
    private static readonly string[] MainActions = ["Track my order", "Return an item", "Delivery options", "Talk to a person"];

    /// <summary>The replies to one customer message, or null when the message would need a dialog the history cannot play.</summary>
    public async Task<HistoryReplies?> RespondAsync(HistoryTurn turn, string text, string redacted, MessageUnderstanding understanding, CancellationToken ct)
    {
        var conversation = turn.Conversation;
        var replies = new List<BotMessage>();
        if (turn.RatingFor is { } rated)
        {
            turn.RatingFor = null;
            if (CsatRating.TryParse(text, out var rating))
            {
                turn.Rate(rated, rating);
                replies.Add(new BotMessage(rating >= 4
                    ? $"Thank you for rating us {rating}/5! Is there anything else I can help with?"
                    : $"Thank you for rating us {rating}/5. I'm sorry it wasn't better; we read every rating to improve. Is there anything else I can help with?", "csat")
                {
                    SuggestedActions = MainActions,
                });
                return new HistoryReplies(replies, false);
            }
        }
        if (conversation.Owner == ConversationOwner.Agent)
        {
            return new HistoryReplies(replies, false);
        }
        if (conversation.Status == ConversationStatus.Escalated)
        {
            replies.Add(new BotMessage($"You're in the queue for our {turn.OpenQueue} team (reference {turn.OpenReference}). You're next in the queue. I've added your message so the agent sees it when they join.", "queue"));
            return new HistoryReplies(replies, false);
        }
        if (TextTraits.LooksForeign(text))
        {
            replies.Add(new BotMessage("Sorry, I can only chat in English for now. If you'd prefer another language, ask for a person and our team will help.", "fallback")
            {
                SuggestedActions = ["Talk to a person"],
            });
            conversation.ConsecutiveFallbacks++;
            return policy.AfterFallback(conversation) is { } noLanguage ? Escalate(turn, noLanguage, understanding, text, []) : new HistoryReplies(replies, false);
        }
        if (policy.BeforeRouting(understanding, conversation, turn.Customer) is { } escalate)
        {
            return Escalate(turn, escalate, understanding, text, replies);
        }

        var state = turn.State;
        var dialogTurn = new DialogTurn(text, redacted, understanding.Entities, Globals(turn), () => turn.Customer is not null, conversation.CustomerTurns);
        var interruption = state.IsActive ? interruptions.Classify(understanding, state, dialogTurn) : Interrupt.None;
        bool fallback;
        if (interruption == Interrupt.None && state.IsActive)
        {
            var outcome = await interpreter.ContinueAsync(state, dialogTurn, turn.Functions, ct);
            replies.AddRange(outcome.Messages);
            fallback = outcome.SlotFailed;
        }
        else if (interruption == Interrupt.Aside)
        {
            var routed = await RouteAsync(turn, new DialogState(), dialogTurn, understanding, replies, ct);
            if (routed is null) return null;
            fallback = routed.Value;
            if (!turn.EscalatedThisTurn && await interpreter.RepeatQuestionAsync(state, dialogTurn, turn.Functions, ct) is { } again)
            {
                replies.Add(again with { Text = "Back to your earlier question: " + again.Text });
            }
        }
        else
        {
            state = new DialogState();
            var routed = await RouteAsync(turn, state, dialogTurn, understanding, replies, ct);
            if (routed is null) return null;
            fallback = routed.Value;
        }
        if (turn.EscalatedThisTurn)
        {
            state = new DialogState();
        }
        interpreter.ForgetSecrets(state);
        turn.State = state;
        conversation.ConsecutiveFallbacks = fallback ? conversation.ConsecutiveFallbacks + 1 : 0;
        if (fallback && !turn.EscalatedThisTurn && policy.AfterFallback(conversation) is { } giveUp)
        {
            replies.Clear();
            return Escalate(turn, giveUp, understanding, text, replies);
        }
        return new HistoryReplies(replies, turn.EscalatedThisTurn);
    }

    /// <summary>Routes a request as <see cref="TurnResponder"/> does; true when the bot could not help, null when the history cannot play the dialog.</summary>
    private async Task<bool?> RouteAsync(HistoryTurn turn, DialogState state, DialogTurn dialogTurn, MessageUnderstanding understanding, List<BotMessage> replies, CancellationToken ct)
    {
        var intent = understanding.Intent;
        if (intent == MessageUnderstanding.EmojiOnly)
        {
            replies.Add(understanding.SentimentLabel switch
            {
                "positive" => new BotMessage("😊 Glad to hear it! Is there anything else I can help with?", "emoji"),
                "negative" => new BotMessage("I'm sorry something's not right. Tell me what happened and I'll help, or I can get you a person.", "emoji") { SuggestedActions = ["Talk to a person"] },
                _ => new BotMessage("What can I help you with today?", "emoji") { SuggestedActions = MainActions },
            });
            return false;
        }
        var dialog = intent == TurnResponder.OutOfScope ? null : dialogs.ForIntent(intent);
        if (dialog is null && understanding.Candidates.Select(dialogs.ForIntent).OfType<DialogDefinition>().ToList() is { Count: > 0 } candidates)
        {
            replies.Add(new BotMessage("I want to make sure I get this right. Did you mean one of these?", "clarify")
            {
                SuggestedActions = [.. candidates.Select(c => c.Title), "Something else"],
            });
            return true;
        }
        if (dialog is null)
        {
            replies.Add(new BotMessage(
                "I'm not sure I can help with that. I can track orders, help with returns and refunds, invoices, payments, your account, delivery questions and product suggestions.",
                "fallback")
            { SuggestedActions = MainActions });
            return true;
        }
        if (dialog.Responses.Count > 0)
        {
            var response = dialog.Responses[(int)((uint)dialogTurn.Seed % (uint)dialog.Responses.Count)];
            replies.Add(new BotMessage(TemplateRenderer.Render(response, [], dialogTurn.Globals), dialog.Name) { SuggestedActions = intent == "greeting" ? MainActions : [] });
            return false;
        }
        if (dialog.HasFlow && !HistoryDialogFunctions.CanPlay(dialog, dialogs, turn.Customer is not null))
        {
            return null;
        }
        turn.Conversation.Topic = intent;
        if (dialog.HasFlow)
        {
            var outcome = await interpreter.StartAsync(state, dialog, dialogTurn, turn.Functions, ct);
            replies.AddRange(outcome.Messages);
            return outcome.SlotFailed;
        }
        var answer = answers.Find(dialogTurn.Text, understanding);
        if (answer.Found)
        {
            replies.Add(HelpCentreAnswers.Reply(answer));
            return false;
        }
        replies.Add(new BotMessage("I don't have a good answer to that in our help centre. Would you like me to pass you to a person?", "knowledge")
        {
            SuggestedActions = ["Talk to a person"],
        });
        return true;
    }

    private HistoryReplies Escalate(HistoryTurn turn, EscalationDecision decision, MessageUnderstanding understanding, string text, List<BotMessage> replies)
    {
        if (decision.Reason == EscalationReason.PolicyIntent && answers.Find(text, understanding) is { Found: true } advice)
        {
            replies.Add(new BotMessage(advice.Summary, "knowledge:" + advice.Slug));
        }
        var intent = understanding.Intent is TurnResponder.OutOfScope or MessageUnderstanding.EmojiOnly or EscalationPolicy.HumanIntent ? null : understanding.Intent;
        var message = turn.Escalate(decision.Reason, decision.Detail, intent, EscalationService.AutoQueue);
        turn.State = new DialogState();
        var opening = decision.Reason switch
        {
            EscalationReason.CustomerRequest => "Of course, I'll get you a person.",
            EscalationReason.RepeatedFallback => "I'm sorry, I'm not getting this right.",
            EscalationReason.NegativeSentiment or EscalationReason.VipComplaint => "I'm really sorry about this. I'd like a member of our team to sort it out personally.",
            _ => "This is best handled by a member of our team.",
        };
        replies.Add(new BotMessage($"{opening} {message}", "escalation"));
        return new HistoryReplies(replies, true);
    }

    private JsonObject Globals(HistoryTurn turn) => new()
    {
        ["customer"] = new JsonObject
        {
            ["first_name"] = turn.Customer?.FirstName ?? "there",
            ["tier"] = turn.Customer?.Tier.ToString() ?? "",
            ["verified"] = turn.Customer is not null,
        },
        ["shop"] = new JsonObject { ["name"] = options.Value.ShopName },
    };
}

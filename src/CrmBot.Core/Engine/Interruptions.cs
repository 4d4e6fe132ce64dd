using CrmBot.Core.Dialogs;
using CrmBot.Core.Understanding;
using Microsoft.Extensions.Options;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Engine;

/// <summary>
/// Decides whether a message answers the waiting dialog or is about something else (a new request, an aside, a
/// goodbye). Stateless; a DI singleton.
/// </summary>
public sealed class Interruptions(DialogCatalog dialogs, DialogInterpreter interpreter, HelpCentreAnswers answers, IOptions<ConversationOptions> options)
{
    /// <summary>Small talk that ends whatever the bot was asking about.</summary>
    private static readonly HashSet<string> ClosingIntents = ["thanks", "goodbye"];


    // While a dialog waits, a confident message about something else takes over, unless it is just the answer: a
    // message that fills the slot and says little else ("BW-482913") answers it, while "can you cancel BW-204817
    // instead" is a new request whose order number must not fill the waiting slot. Unsure guesses are answers.
    public Interrupt Classify(MessageUnderstanding understanding, DialogState state, DialogTurn dialogTurn)
    {
        if (YesNo.IsCallingOff(dialogTurn.Text))
        {
            // "actually no, leave it" may read as a goodbye; it answers the waiting question (no, or never mind).
            return Interrupt.None;
        }
        if (understanding.Confidence < options.Value.TopicSwitchConfidence || understanding.Intent is TurnResponder.OutOfScope or MessageUnderstanding.EmojiOnly)
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
        return answers.Find(dialogTurn.Text, understanding).Found ? Interrupt.Aside : Interrupt.None;
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
}

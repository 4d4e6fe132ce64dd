using CrmBot.Core.Dialogs;

namespace CrmBot.Core.Seeding.History;

/// <summary>The customer's side: what they write next, given what the bot last did and how they feel.</summary>
internal sealed partial class SimulatedConversation
{
    private const int MaxAsks = 3;

    private bool? paymentSorted;

    /// <summary>The customer has said they are happy (thanks, "yes that worked"): what follows is a goodbye at most.</summary>
    private bool satisfied;
    private List<string> lastActions = [];

    private string? NextToBot()
    {
        if (WaitingSlot() is { } slot)
        {
            return Answer(slot);
        }
        if (satisfied)
        {
            // They said thanks and the bot answered: most just close the window.
            return reactions < MaxReactions && random.Double() < 0.15 ? Reacted(voice.Line("bye")) : null;
        }
        return last switch
        {
            Outcome.Greeted => null,
            Outcome.Clarify when random.Double() < 0.7 && lastActions.FirstOrDefault(a => a != SlotDefinition.SomethingElse) is { } choice => choice,
            Outcome.Clarify or Outcome.Fallback => AfterFallback(),
            Outcome.Answered => React(canDo: true),
            Outcome.CannotDo => React(canDo: false),
            _ => null,
        };
    }

    private SlotDefinition? WaitingSlot() =>
        turn.State.Top is { Waiting: { } name } frame ? world.Dialogs.Get(frame.Dialog).Slots[name] : null;

    /// <summary>After an answer: thanks when it helped, a complaint or a request for a person when it did not, per mood.</summary>
    private string? React(bool canDo)
    {
        if (reactions >= MaxReactions) return null;
        var r = random.Double();
        var set = (voice.Mood, canDo) switch
        {
            (Mood.Calm, true) => r < 0.55 ? "thanks" : r < 0.65 ? "bye" : null,
            (Mood.Calm, false) => r < 0.55 ? "accepting" : r < 0.75 ? "unhappy" : null,
            (Mood.Annoyed, true) => r < 0.38 ? "unhappy" : r < 0.48 ? "ask_person" : r < 0.72 ? "accepting" : null,
            (Mood.Annoyed, false) => r < 0.45 ? "unhappy" : r < 0.7 ? "ask_person" : null,
            _ => r < 0.5 ? "furious" : r < 0.75 ? "ask_person" : null,
        };
        satisfied = set is "thanks" or "bye" or "accepting";
        return set is null ? null : Reacted(voice.Line(set));
    }

    /// <summary>After the bot did not understand: say it again differently once, then ask for a person or leave.</summary>
    private string? AfterFallback()
    {
        if (reactions >= MaxReactions) return null;
        var r = random.Double();
        if (rephrased)
        {
            return voice.Mood == Mood.Calm ? (r < 0.3 ? Reacted(voice.Line("ask_person")) : null)
                : r < 0.6 ? Reacted(voice.Line("ask_person")) : r < 0.85 ? Reacted(voice.Line("furious")) : null;
        }
        rephrased = true;
        return voice.Mood switch
        {
            Mood.Calm => r < 0.55 ? voice.Opening(plan.Scenario.Key) : r < 0.67 ? Reacted(voice.Line("ask_person")) : r < 0.8 ? Reacted(voice.Line("give_up")) : null,
            Mood.Annoyed => r < 0.55 ? Reacted(voice.Line("ask_person")) : r < 0.8 ? Reacted(voice.Line("unhappy")) : null,
            _ => r < 0.6 ? Reacted(voice.Line("furious")) : Reacted(voice.Line("ask_person")),
        };
    }

    private string Reacted(string text)
    {
        reactions++;
        return text;
    }

    /// <summary>The answer to what the dialog asked, as a customer with this order would give it; they give up after being asked three times.</summary>
    private string? Answer(SlotDefinition slot)
    {
        var key = turn.State.Top!.Dialog + "." + slot.Name;
        asked[key] = asked.GetValueOrDefault(key) + 1;
        if (asked[key] > MaxAsks - 1) return GiveUp();
        var customer = plan.Customer;
        foreach (var type in slot.Types)
        {
            switch (type)
            {
                case "order_number" when voice.HasOrder:
                    // Half click the order the bot suggests, when it is there; the rest type it.
                    return lastActions.Contains(voice.OrderNumberAsStored) && random.Bool() ? voice.OrderNumberAsStored : voice.OrderNumber();
                case SlotDefinition.YesNo when slot.Name == "resolved":
                    paymentSorted ??= random.Double() < 0.72;
                    satisfied = paymentSorted.Value;
                    return voice.Line(paymentSorted.Value ? "resolved_yes" : "resolved_no");
                case SlotDefinition.YesNo:
                    return voice.Line(random.Double() < (voice.Mood == Mood.Calm ? 0.93 : 0.85) ? "yes" : "no");
                case SlotDefinition.Choice:
                    var choices = slot.Choices.Where(c => c != SlotDefinition.SomethingElse).ToArray();
                    return choices.Length == 0 ? GiveUp() : random.ArrayElement(choices);
                case SlotDefinition.Text:
                    return slot.Name switch
                    {
                        "reason" => voice.ReturnReason(),
                        "details" => voice.Line("complaint_details"),
                        _ => voice.Line("tech_detail"),
                    };
                case "email" when customer is not null:
                    return random.Bool(0.3f) ? $"it's {customer.Email}" : customer.Email;
                case "postcode" when customer is not null:
                    return customer.Postcode;
                case "product" when voice.ProductName is { } name:
                    return name;
            }
        }
        return GiveUp();
    }

    private string? GiveUp() => voice.Mood == Mood.Calm
        ? (random.Bool() ? voice.Line("give_up") : null)
        : reactions < MaxReactions ? Reacted(voice.Line("ask_person")) : null;
}

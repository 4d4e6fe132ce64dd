using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Dialogs;

/// <summary>
/// Runs compiled dialogs one customer message at a time. All position is in <see cref="DialogState"/>, so the
/// interpreter itself holds nothing between turns and one instance serves every conversation.
/// </summary>
public sealed class DialogInterpreter(DialogCatalog catalog)
{
    /// <summary>Guards against a dialog that loops without ever asking (restart after restart).</summary>
    private const int InstructionBudget = 500;

    public async Task<DialogOutcome> StartAsync(DialogState state, DialogDefinition dialog, DialogTurn turn, IDialogFunctions functions, CancellationToken ct)
    {
        state.Frames.Add(NewFrame(dialog, turn));
        if (dialog.RequiresVerification && !turn.IsVerified())
        {
            state.Frames.Add(NewFrame(catalog.Get(DialogCatalog.VerifyIdentity), turn));
        }
        var outcome = new DialogOutcome();
        await RunAsync(state, turn, functions, outcome, ct);
        return outcome;
    }

    /// <summary>The slot the active dialog is waiting for, if it asked something.</summary>
    public SlotDefinition? WaitingSlot(DialogState state) =>
        state.Top is { Waiting: { } slot } frame ? catalog.Get(frame.Dialog).Slots[slot] : null;

    /// <summary>Whether this message answers what the active dialog asked.</summary>
    public bool CanFill(DialogState state, DialogTurn turn) =>
        state.Top is { Waiting: { } slot } frame && TryFill(catalog.Get(frame.Dialog).Slots[slot], turn, out _);

    public async Task<DialogOutcome> ContinueAsync(DialogState state, DialogTurn turn, IDialogFunctions functions, CancellationToken ct)
    {
        var outcome = new DialogOutcome();
        var frame = state.Top ?? throw new InvalidOperationException("No active dialog to continue.");
        var dialog = catalog.Get(frame.Dialog);
        if (frame.Waiting is { } slotName)
        {
            var slot = dialog.Slots[slotName];
            if (TryFill(slot, turn, out var value))
            {
                frame.Memory[slotName] = value;
                frame.Waiting = null;
                frame.Attempts = 0;
                frame.Pc++;
            }
            else if (YesNo.IsCallingOff(turn.Text))
            {
                outcome.CalledOff = true;
                outcome.HandledBy = dialog.Name;
                state.Frames.RemoveAt(state.Frames.Count - 1);
                DropUnverifiedFrames(state, turn);
                outcome.Messages.Add(new BotMessage("No problem, I've left that. Is there anything else I can help with?", dialog.Name));
                return outcome;
            }
            else if (++frame.Attempts >= slot.MaxAttempts)
            {
                outcome.SlotFailed = true;
                outcome.HandledBy = dialog.Name;
                state.Frames.RemoveAt(state.Frames.Count - 1);
                outcome.Messages.Add(new BotMessage(
                    "Sorry, I still couldn't work that out, so I've stopped this request. You can start again at any time, or ask for a person.",
                    dialog.Name) { SuggestedActions = ["Talk to a person"] });
                DropUnverifiedFrames(state, turn);
                return outcome;
            }
            else
            {
                var texts = slot.Retries.Count > 0 ? slot.Retries : slot.Prompts;
                outcome.HandledBy = dialog.Name;
                outcome.Messages.Add(new BotMessage(Render(Pick(texts, turn, frame), frame, turn), dialog.Name)
                {
                    SuggestedActions = await SlotActionsAsync(slot, functions, ct),
                });
                return outcome;
            }
        }
        await RunAsync(state, turn, functions, outcome, ct);
        return outcome;
    }

    /// <summary>The question the dialog is waiting on, asked again (after the customer asked something else in between).</summary>
    public async Task<BotMessage?> RepeatQuestionAsync(DialogState state, DialogTurn turn, IDialogFunctions functions, CancellationToken ct)
    {
        if (state.Top is not { Waiting: { } slotName } frame)
        {
            return null;
        }
        var dialog = catalog.Get(frame.Dialog);
        var slot = dialog.Slots[slotName];
        return new BotMessage(Render(Pick(slot.Prompts, turn, frame), frame, turn), dialog.Name)
        {
            SuggestedActions = await SlotActionsAsync(slot, functions, ct),
        };
    }

    /// <summary>Removes values the customer gave that must not reach the store (secret slots).</summary>
    public void ForgetSecrets(DialogState state)
    {
        foreach (var frame in state.Frames)
        {
            foreach (var slot in catalog.Get(frame.Dialog).Slots.Values.Where(s => s.Secret))
            {
                frame.Memory.Remove(slot.Name);
            }
        }
    }

    private async Task RunAsync(DialogState state, DialogTurn turn, IDialogFunctions functions, DialogOutcome outcome, CancellationToken ct)
    {
        for (int budget = 0; budget < InstructionBudget; budget++)
        {
            DropUnverifiedFrames(state, turn);
            var frame = state.Top;
            if (frame is null)
            {
                return;
            }
            var dialog = catalog.Get(frame.Dialog);
            outcome.HandledBy = dialog.Name;
            if (frame.Pc >= dialog.Program.Count)
            {
                state.Frames.RemoveAt(state.Frames.Count - 1);
                continue;
            }
            switch (dialog.Program[frame.Pc])
            {
                case SayInstruction say:
                    outcome.Messages.Add(new BotMessage(Render(Pick(say.Variants, turn, frame), frame, turn), dialog.Name) { SuggestedActions = say.Actions });
                    frame.Pc++;
                    break;
                case AskInstruction ask:
                    if (frame.Memory.ContainsKey(ask.Slot))
                    {
                        frame.Pc++;
                        break;
                    }
                    var slot = dialog.Slots[ask.Slot];
                    frame.Waiting = ask.Slot;
                    frame.Attempts = 0;
                    outcome.Messages.Add(new BotMessage(Render(Pick(slot.Prompts, turn, frame), frame, turn), dialog.Name)
                    {
                        SuggestedActions = await SlotActionsAsync(slot, functions, ct),
                    });
                    return;
                case CallInstruction call:
                    var args = call.Arguments.ToDictionary(a => a.Key, a => Render(a.Value, frame, turn), StringComparer.Ordinal);
                    var result = await functions.InvokeAsync(call.Function, args, ct);
                    if (call.ResultName is not null)
                    {
                        frame.Memory[call.ResultName] = result?.DeepClone();
                    }
                    frame.Pc++;
                    break;
                case BranchInstruction branch:
                    var value = TemplateRenderer.ToText(TemplateRenderer.Resolve(branch.Path, frame.Memory, turn.Globals));
                    frame.Pc = branch.Targets.TryGetValue(value, out var target) ? target : branch.DefaultTarget;
                    break;
                case JumpInstruction jump:
                    frame.Pc = jump.Target;
                    break;
                case SuggestInstruction suggest:
                    var products = ReadProducts(TemplateRenderer.Resolve(suggest.Path, frame.Memory, turn.Globals));
                    if (products.Count > 0)
                    {
                        if (outcome.Messages.Count > 0 && outcome.Messages[^1].Products.Count == 0)
                        {
                            outcome.Messages[^1] = outcome.Messages[^1] with { Products = products };
                        }
                        else
                        {
                            outcome.Messages.Add(new BotMessage("Here are some suggestions:", dialog.Name) { Products = products });
                        }
                    }
                    frame.Pc++;
                    break;
                case EscalateInstruction escalate:
                    var escalation = await functions.InvokeAsync("escalation.escalate", new Dictionary<string, string>
                    {
                        ["queue"] = escalate.Queue,
                        ["reason"] = Render(escalate.Reason, frame, turn),
                        ["intent"] = dialog.Intent,
                    }, ct);
                    outcome.EscalationReference = escalation?["reference"]?.GetValue<string>();
                    outcome.Messages.Add(new BotMessage(TemplateRenderer.ToText(escalation?["message"]), "escalation"));
                    state.Frames.Clear();
                    return;
                case EndInstruction:
                    state.Frames.RemoveAt(state.Frames.Count - 1);
                    break;
                case RestartInstruction:
                    frame.Memory = [];
                    frame.Pc = 0;
                    frame.Waiting = null;
                    break;
            }
        }
        throw new InvalidOperationException($"Dialog '{state.Top?.Dialog}' ran {InstructionBudget} steps without waiting for the customer.");
    }

    // A dialog that needs a verified customer only continues once verification succeeded; if verification gave up, so does it.
    private void DropUnverifiedFrames(DialogState state, DialogTurn turn)
    {
        while (state.Top is { } top && top.Dialog != DialogCatalog.VerifyIdentity
            && catalog.Get(top.Dialog).RequiresVerification && !turn.IsVerified()
            && !state.Frames.Any(f => f.Dialog == DialogCatalog.VerifyIdentity))
        {
            state.Frames.RemoveAt(state.Frames.Count - 1);
        }
    }

    /// <summary>The memory name of the message that started a dialog (personal data redacted), for steps that read the whole request.</summary>
    public const string RequestMemory = "request";

    private static DialogFrame NewFrame(DialogDefinition dialog, DialogTurn turn)
    {
        var frame = new DialogFrame { Dialog = dialog.Name };
        frame.Memory[RequestMemory] = turn.RedactedText;
        foreach (var slot in dialog.Slots.Values.Where(s => s.FillsFromTrigger))
        {
            if (TryFill(slot, turn, out var value))
            {
                frame.Memory[slot.Name] = value;
            }
        }
        foreach (var slot in dialog.Slots.Values.Where(s => s.Types.Contains(SlotDefinition.Choice)))
        {
            if (Choose(slot, turn.Text, fromAnswer: false) is { } choice)
            {
                frame.Memory[slot.Name] = choice;
            }
        }
        foreach (var slot in dialog.Slots.Values.Where(s => s.FromRequest))
        {
            if (turn.RedactedText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= SlotDefinition.RequestWords)
            {
                frame.Memory[slot.Name] = turn.RedactedText.Trim();
            }
        }
        return frame;
    }

    private static bool TryFill(SlotDefinition slot, DialogTurn turn, out JsonNode? value)
    {
        foreach (var type in slot.Types)
        {
            switch (type)
            {
                case SlotDefinition.YesNo when YesNo.Parse(turn.Text) is { } yes:
                    value = yes ? "yes" : "no";
                    return true;
                case SlotDefinition.Text when turn.RedactedText.Trim().Length >= 2:
                    value = turn.RedactedText.Trim();
                    return true;
                case SlotDefinition.Choice:
                    if (Choose(slot, turn.Text.Trim(), fromAnswer: true) is { } choice)
                    {
                        value = choice;
                        return true;
                    }
                    break;
                default:
                    var entity = turn.Entities.FirstOrDefault(e => e.Type == type);
                    if (entity is not null)
                    {
                        value = entity.Value;
                        return true;
                    }
                    break;
            }
        }
        value = null;
        return false;
    }

    /// <summary>
    /// The choice a message names: by number (an answer only), by the choice's words or one of its synonyms; an
    /// answer of several words that names none goes to "Something else" where the slot offers it.
    /// </summary>
    private static string? Choose(SlotDefinition slot, string text, bool fromAnswer)
    {
        if (fromAnswer && int.TryParse(text, out var n) && n >= 1 && n <= slot.Choices.Count)
        {
            return slot.Choices[n - 1];
        }
        var named = slot.Choices.FirstOrDefault(c => Mentions(text, c)
            || (fromAnswer && text.Length >= 3 && c.Contains(text, StringComparison.OrdinalIgnoreCase))
            || slot.Synonyms.GetValueOrDefault(c)?.Any(s => Mentions(text, s)) == true);
        if (named is not null)
        {
            return named;
        }
        return fromAnswer && slot.Choices.Contains(SlotDefinition.SomethingElse) && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4
            && YesNo.Parse(text) is null
            ? SlotDefinition.SomethingElse
            : null;
    }

    private static bool Mentions(string text, string phrase) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"\b" + System.Text.RegularExpressions.Regex.Escape(phrase) + @"\b",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static async Task<IReadOnlyList<string>> SlotActionsAsync(SlotDefinition slot, IDialogFunctions functions, CancellationToken ct)
    {
        if (slot.SuggestFrom is not null)
        {
            var list = await functions.InvokeAsync(slot.SuggestFrom, new Dictionary<string, string>(), ct);
            return list is JsonArray array ? array.Select(TemplateRenderer.ToText).Where(t => t.Length > 0).ToList() : [];
        }
        if (slot.Types.Contains(SlotDefinition.YesNo))
        {
            return ["Yes", "No"];
        }
        return slot.Types.Contains(SlotDefinition.Choice) ? slot.Choices : [];
    }

    private static IReadOnlyList<ProductSuggestion> ReadProducts(JsonNode? node) =>
        node is JsonArray array
            ? array.Select(p => p.Deserialize<ProductSuggestion>(Json)).OfType<ProductSuggestion>().ToList()
            : [];

    // Call results reach dialog memory in snake_case (see DialogFunctions), so read them back the same way.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static string Render(string template, DialogFrame frame, DialogTurn turn) =>
        TemplateRenderer.Render(template, frame.Memory, turn.Globals);

    private static string Pick(IReadOnlyList<string> variants, DialogTurn turn, DialogFrame frame) =>
        variants[(int)((uint)(turn.Seed + frame.Pc) % (uint)variants.Count)];
}

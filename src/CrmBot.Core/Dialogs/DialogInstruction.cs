namespace CrmBot.Core.Dialogs;

/// <summary>
/// Steps compiled to a flat program: branches become jumps, so the whole position in a dialog is one number
/// that survives serialisation into the store.
/// </summary>
public abstract record DialogInstruction(int Line);

public sealed record SayInstruction(IReadOnlyList<string> Variants, IReadOnlyList<string> Actions, int Line) : DialogInstruction(Line);

public sealed record AskInstruction(string Slot, int Line) : DialogInstruction(Line);

public sealed record CallInstruction(string Function, IReadOnlyDictionary<string, string> Arguments, string? ResultName, int Line) : DialogInstruction(Line);

public sealed record BranchInstruction(string Path, IReadOnlyDictionary<string, int> Targets, int DefaultTarget, int Line) : DialogInstruction(Line);

public sealed record JumpInstruction(int Target, int Line) : DialogInstruction(Line);

public sealed record SuggestInstruction(string Path, int Line) : DialogInstruction(Line);

public sealed record EscalateInstruction(string Queue, string Reason, int Line) : DialogInstruction(Line);

public sealed record EndInstruction(int Line) : DialogInstruction(Line);

/// <summary>Forget every slot and start the dialog again (a retry loop, e.g. a second verification attempt).</summary>
public sealed record RestartInstruction(int Line) : DialogInstruction(Line);

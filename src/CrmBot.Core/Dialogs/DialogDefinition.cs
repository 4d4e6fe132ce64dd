namespace CrmBot.Core.Dialogs;

/// <summary>
/// One file of <c>dialogs/</c>: an intent with its training examples and either a flow (slots + steps),
/// canned responses (small talk), or neither (answered from the knowledge base).
/// </summary>
public sealed record DialogDefinition(string Name, string Intent, string SourcePath)
{
    public string Description { get; init; } = "";

    /// <summary>How the intent is offered on a "did you mean" button; written so that the model reads it as this intent.</summary>
    public string Title { get; init; } = "";
    public IReadOnlyList<string> Examples { get; init; } = [];
    public IReadOnlyList<string> Responses { get; init; } = [];
    public bool RequiresVerification { get; init; }
    public IReadOnlyDictionary<string, SlotDefinition> Slots { get; init; } = new Dictionary<string, SlotDefinition>();
    public IReadOnlyList<DialogInstruction> Program { get; init; } = [];

    /// <summary>Named texts the system says outside any flow (only <c>dialogs/system.yaml</c> has them).</summary>
    public IReadOnlyDictionary<string, NamedReply> Replies { get; init; } = new Dictionary<string, NamedReply>();

    public bool HasFlow => Program.Count > 0;
}

/// <summary>A named reply's variants and the line it starts on, for errors.</summary>
public sealed record NamedReply(IReadOnlyList<string> Variants, int Line);
